import { For, Show } from 'solid-js'
import type { AuthStart, Integration } from '../../../../shared/integrations'
import { formatBytes } from '../../lib/format'
import { IntegrationStatus } from './IntegrationStatus'
import { NowPlayingCard } from './NowPlayingCard'

export interface IntegrationCardProps {
  integration: Integration
  /** What is being done to it right now ('fetching', …), or null. */
  busy: string | null
  /** The address a connection waits on when the browser was not opened for the user. */
  authLink: AuthStart | null
  imageUrl: (path: string) => string
  onConnect: () => void
  onFetch: () => void
  onPause: (paused: boolean) => void
  onRemove: () => void
}

// Seconds matter: polls come every few seconds.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
const formatDateTime = (at: number): string => dateTime.format(at)
const when = (at: number | null): string => (at ? formatDateTime(at) : '—')

/** One integration: its state in words, its facts, a live preview of its data, and actions. */
export function IntegrationCard(props: IntegrationCardProps) {
  const i = () => props.integration
  const canConnect = () => i().kind === 'spotify'
  const connectLabel = () =>
    i().status === 'needs-auth' && !i().tokenExpiresAt ? 'Connect to Spotify' : 'Reconnect'
  const waiting = () => props.authLink?.url ?? i().pendingAuthUrl

  return (
    <article class="panel integration" data-testid="integration-card" data-id={i().id}>
      <header class="integration__header">
        <div>
          <h2 class="integration__name">{i().name}</h2>
          <div class="integration__kind">
            {i().kind === 'spotify' ? 'Spotify now playing' : 'JSON feed'}
          </div>
        </div>
        <IntegrationStatus integration={i()} />
      </header>

      {/* Rate limiting is said by its own note, with the time it ends. */}
      <Show when={i().status !== 'rate-limited' && i().error}>
        <p class="integration__error" role="status" data-testid="integration-error">
          {i().error}
        </p>
      </Show>
      <Show when={i().rateLimitedUntil}>
        {(until) => (
          <p class="integration__note" data-testid="integration-rate-limited">
            Rate limited until {formatDateTime(until())} — Marquee asks again then, not before.
          </p>
        )}
      </Show>
      <Show when={i().staleSince}>
        {(since) => (
          <p class="integration__note" data-testid="integration-stale">
            Stale since {formatDateTime(since())}: showing the data fetched {when(i().fetchedAt)}.
          </p>
        )}
      </Show>
      <Show when={waiting()}>
        {(url) => (
          <p class="integration__note" data-testid="integration-auth-link">
            Waiting for Spotify in your browser.{' '}
            <a href={url()} target="_blank" rel="noopener noreferrer">
              Open Spotify to connect
            </a>
          </p>
        )}
      </Show>

      <dl class="integration__facts">
        <div>
          <dt>Last fetch</dt>
          <dd>{when(i().lastFetchAt)}</dd>
        </div>
        <div>
          <dt>Next fetch</dt>
          <dd>{when(i().nextFetchAt)}</dd>
        </div>
        <Show when={i().kind === 'spotify'}>
          <div>
            <dt>Token expires</dt>
            <dd>{when(i().tokenExpiresAt)}</dd>
          </div>
        </Show>
        <div>
          <dt>Every</dt>
          <dd>{Math.round(i().intervalMs / 1000)} s</dd>
        </div>
        <div>
          <dt>Cached media</dt>
          <dd>{formatBytes(i().cacheBytes)}</dd>
        </div>
      </dl>

      <Show when={i().kind === 'spotify' && i().data}>
        {(data) => (
          <NowPlayingCard
            data={data()}
            fetchedAt={i().fetchedAt}
            image={i().image}
            imageUrl={props.imageUrl}
            stale={i().staleSince !== null}
          />
        )}
      </Show>
      <Show when={i().kind === 'feed' && i().data}>
        <p class="integration__note">
          Last data: {Object.keys(i().data ?? {}).length} top-level field(s), fetched{' '}
          {when(i().fetchedAt)}.
        </p>
      </Show>
      <Show when={i().problems.length > 0}>
        <ul class="integration__problems" aria-label="Media field problems">
          <For each={i().problems}>
            {(p) => (
              <li>
                <code>{p.path}</code>: {p.problem}
              </li>
            )}
          </For>
        </ul>
      </Show>

      <footer class="integration__actions">
        <Show when={canConnect()}>
          <button
            type="button"
            class="button"
            classList={{
              'button--primary': i().status === 'needs-auth' || i().status === 'needs-reauth',
            }}
            disabled={props.busy !== null}
            onClick={() => props.onConnect()}
          >
            {connectLabel()}
          </button>
        </Show>
        <button
          type="button"
          class="button"
          disabled={props.busy !== null || i().paused}
          onClick={() => props.onFetch()}
        >
          {props.busy === 'fetching' ? 'Fetching…' : 'Fetch now'}
        </button>
        <button
          type="button"
          class="button"
          disabled={props.busy !== null}
          onClick={() => props.onPause(!i().paused)}
        >
          {i().paused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          class="button button--quiet"
          disabled={props.busy !== null}
          onClick={() => props.onRemove()}
        >
          Remove
        </button>
      </footer>
    </article>
  )
}
