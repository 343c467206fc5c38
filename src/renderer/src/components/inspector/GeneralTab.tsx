import { createSignal, Show, type JSX } from 'solid-js'
import type { Asset, Tag } from '../../../../shared/domain'
import { formatBytes, formatDateTime, formatDuration } from '../../lib/format'
import { IconCheck } from '../icons'
import { IconCopy, IconExternal, IconFolderOpen } from '../viewer/viewer-icons'
import { InlineText } from './InlineText'
import { IntegrityNote } from './IntegrityNote'
import { PaletteSwatches } from './PaletteSwatches'
import { RatingStars } from './RatingStars'
import { copyText, openWithDefaultApp, revealInFolder, type ShellAction } from './shell-actions'
import { TagEditor } from './TagEditor'

export interface GeneralTabProps {
  asset: Asset
  rootLabel: string | null
  rootOffline: boolean
  suggestions: Tag[]
  onEdit: (patch: Partial<Pick<Asset, 'title' | 'description' | 'rating'>>) => void
  onTag: (change: { add?: string[]; remove?: string[] }) => void
  /** Opens "Replace with…" (the new version takes this one's place in collections). */
  onReplace?: () => void
}

const TYPE_NAMES: Record<Asset['type'], string> = {
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  other: 'Other file',
}

const STATUS_NAMES: Record<Asset['status'], string> = {
  discovered: 'Found, waiting to be processed',
  queued: 'Queued for processing',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
  missing: 'Missing from its folder',
}

function Row(props: { label: string; children: JSX.Element; testId?: string }) {
  return (
    <div class="asset-facts__row" data-testid={props.testId}>
      <dt class="asset-facts__label">{props.label}</dt>
      <dd class="asset-facts__value">{props.children}</dd>
    </div>
  )
}

/** General: what a person edits (title, description, rating, tags), then the file's facts. */
export function GeneralTab(props: GeneralTabProps) {
  const [copied, setCopied] = createSignal<string | null>(null)
  // What the last copy, reveal or open could not do.
  const [actionError, setActionError] = createSignal<string | null>(null)
  const copy = (what: string, text: string): void => {
    copyText(text).then(
      () => {
        setActionError(null)
        setCopied(what)
        setTimeout(() => setCopied((c) => (c === what ? null : c)), 1500)
      },
      (e: Error) => setActionError(e.message),
    )
  }
  const runShell = (action: ShellAction): void => {
    action(props.asset.id).then(setActionError, (e: Error) => setActionError(e.message))
  }
  const folder = (): string => props.asset.relPath.split('/').slice(0, -1).join('/')
  const dimensions = (): string | null =>
    props.asset.width && props.asset.height
      ? `${props.asset.width} × ${props.asset.height} px${props.asset.orientation ? ` · ${props.asset.orientation}` : ''}`
      : null

  return (
    <div class="general" data-testid="inspector-general">
      <section class="general__edit" aria-label="Description">
        <InlineText
          class="inline-text--title"
          label="Title"
          placeholder="Add a title"
          testId="inspector-title"
          value={props.asset.title}
          onSave={(title) => props.onEdit({ title })}
        />
        <InlineText
          multiline
          label="Description"
          placeholder="Add a description"
          testId="inspector-description"
          value={props.asset.description}
          onSave={(description) => props.onEdit({ description })}
        />
        <RatingStars value={props.asset.rating} onRate={(rating) => props.onEdit({ rating })} />
        <TagEditor
          tags={props.asset.tags}
          suggestions={props.suggestions}
          onAdd={(name) => props.onTag({ add: [name] })}
          onRemove={(name) => props.onTag({ remove: [name] })}
        />
      </section>

      <section class="general__file" aria-label="File">
        <div class="path-box">
          <p class="path-box__path mono" data-testid="inspector-path" title={props.asset.path}>
            {props.asset.path}
          </p>
          <div class="path-box__actions">
            <button
              type="button"
              class="button button--small"
              onClick={() => copy('path', props.asset.path)}
            >
              <Show when={copied() === 'path'} fallback={<IconCopy />}>
                <IconCheck />
              </Show>
              {copied() === 'path' ? 'Copied' : 'Copy path'}
            </button>
            <Show when={revealInFolder}>
              {(reveal) => (
                <button
                  type="button"
                  class="button button--small"
                  disabled={props.rootOffline}
                  title={
                    props.rootOffline ? 'Its folder is offline' : 'Show it in the file manager'
                  }
                  onClick={() => runShell(reveal())}
                >
                  <IconFolderOpen />
                  Reveal in folder
                </button>
              )}
            </Show>
            <Show when={props.asset.type !== 'other' && openWithDefaultApp}>
              {(open) => (
                <button
                  type="button"
                  class="button button--small"
                  disabled={props.rootOffline}
                  title={props.rootOffline ? 'Its folder is offline' : 'Open with the default app'}
                  onClick={() => runShell(open())}
                >
                  <IconExternal />
                  Open
                </button>
              )}
            </Show>
            <Show when={props.onReplace}>
              {(replace) => (
                <button
                  type="button"
                  class="button button--small"
                  data-testid="inspector-replace"
                  title="Put a new version in every playlist and album that holds this one"
                  onClick={() => replace()()}
                >
                  Replace with…
                </button>
              )}
            </Show>
          </div>
          <Show when={actionError()}>
            {(message) => (
              <p class="general__error" role="alert">
                {message()}
              </p>
            )}
          </Show>
        </div>

        <dl class="asset-facts">
          <Row label="Name">{props.asset.name}</Row>
          <Row label="Folder">
            {props.rootLabel ?? 'Library folder'}
            {folder() ? ` / ${folder()}` : ''}
            <Show when={props.rootOffline}>
              <span class="asset-facts__flag"> · offline</span>
            </Show>
          </Row>
          <Row label="Type">
            {TYPE_NAMES[props.asset.type]}
            <Show when={props.asset.mime}>
              {(mime) => <span class="asset-facts__muted"> · {mime()}</span>}
            </Show>
          </Row>
          <Row label="Size">{formatBytes(props.asset.size)}</Row>
          <Show when={dimensions()}>{(d) => <Row label="Dimensions">{d()}</Row>}</Show>
          <Show when={props.asset.durationMs}>
            {(ms) => <Row label="Duration">{formatDuration(ms())}</Row>}
          </Show>
          <Show when={props.asset.dateMs !== props.asset.mtimeMs}>
            <Row label="Taken">{formatDateTime(props.asset.dateMs)}</Row>
          </Show>
          <Row label="Modified">{formatDateTime(props.asset.mtimeMs)}</Row>
          <Row label="Status" testId="inspector-status">
            <span class="asset-facts__status" data-status={props.asset.status}>
              {STATUS_NAMES[props.asset.status]}
            </span>
            <Show when={props.asset.error}>
              {(error) => <span class="asset-facts__error">{error()}</span>}
            </Show>
          </Row>
          <Show when={props.asset.type === 'image' || props.asset.type === 'video'}>
            <Row label="Colours" testId="inspector-colours">
              <PaletteSwatches palette={props.asset.palette} />
            </Row>
          </Show>
          <Show when={props.asset.status === 'ready' || props.asset.integrity}>
            <Row label="Integrity" testId="inspector-integrity">
              <IntegrityNote asset={props.asset} />
            </Row>
          </Show>
          <Show when={props.asset.sha256}>
            {(sha) => (
              <Row label="SHA-256">
                <span class="asset-facts__hashline">
                  <span class="asset-facts__hash mono" title={sha()}>
                    {sha()}
                  </span>
                  <button
                    type="button"
                    class="icon-button"
                    aria-label="Copy SHA-256"
                    title={copied() === 'sha' ? 'Copied' : 'Copy SHA-256'}
                    onClick={() => copy('sha', sha())}
                  >
                    <Show when={copied() === 'sha'} fallback={<IconCopy />}>
                      <IconCheck />
                    </Show>
                  </button>
                </span>
              </Row>
            )}
          </Show>
        </dl>
      </section>
    </div>
  )
}
