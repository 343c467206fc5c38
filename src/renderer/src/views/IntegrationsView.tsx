import { createSignal, For, Show } from 'solid-js'
import type { AuthStart, Integration } from '../../../shared/integrations'
import { Banner } from '../components/Banner'
import { IconIntegrations } from '../components/icons'
import { AddIntegrationForm } from '../components/integrations/AddIntegrationForm'
import { IntegrationCard } from '../components/integrations/IntegrationCard'
import { RemoveIntegrationDialog } from '../components/integrations/RemoveIntegrationDialog'
import { cacheMediaUrl } from '../components/integrations/media-url'
import { PageHeader } from '../components/PageHeader'
import { face } from '../lib/api'
import { formatBytes, plural } from '../lib/format'
import { createIntegrationsStore } from '../stores/integrations.store'
import '../styles/integrations.css'

/** Integrations: each one's state, facts and live data; add, connect, fetch, pause, remove. */
export function IntegrationsView() {
  const store = createIntegrationsStore()
  const [adding, setAdding] = createSignal(false)
  // Connections this page started where the browser was not opened for the user (serve).
  const [links, setLinks] = createSignal<Record<number, AuthStart>>({})
  // The integration whose removal waits for confirmation (the dialog lists what uses it).
  const [removing, setRemoving] = createSignal<Integration | null>(null)

  const connect = async (id: number): Promise<void> => {
    const start = await store.connect(id)
    if (start && !start.opened) setLinks((l) => ({ ...l, [id]: start }))
  }
  const linkFor = (id: number, pending: string | null): AuthStart | null =>
    pending ? (links()[id] ?? null) : null

  return (
    <>
      <PageHeader
        title="Integrations"
        leading={<IconIntegrations class="icon icon--large" />}
        description="Content third-party services point at — Spotify “now playing”, JSON feeds — polled while Marquee runs and cached so players can show it offline."
        actions={
          <button type="button" class="button button--primary" onClick={() => setAdding((a) => !a)}>
            Add integration
          </button>
        }
      />
      <Show when={store.status()?.warning}>
        {(warning) => (
          <Banner tone="warning" testId="integrations-secrets-warning">
            {warning()}
          </Banner>
        )}
      </Show>
      <Show when={store.status()}>
        {(status) => (
          <p class="integration-summary" data-testid="integrations-summary">
            Sign-ins are encrypted with{' '}
            {status().secrets === 'safe-storage'
              ? 'the system keychain'
              : 'a key file only you can read'}
            . Media cache: {plural(status().cacheItems, 'image')},{' '}
            {formatBytes(status().cacheBytes)}; unused images are removed after two days.
          </p>
        )}
      </Show>
      <Show when={store.error()}>
        {(message) => (
          <Banner tone="error" onDismiss={store.dismissError}>
            {message()}
          </Banner>
        )}
      </Show>
      <Show when={adding()}>
        <AddIntegrationForm
          onSubmit={(request) => store.add(request).then(() => void setAdding(false))}
          onCancel={() => setAdding(false)}
        />
      </Show>
      <Show
        when={store.items().length > 0}
        fallback={
          <Show when={store.loaded()}>
            <section class="panel integration-empty" data-testid="integrations-empty">
              <h2>No integrations yet</h2>
              <p>
                Add a Spotify account to show what is playing, or a JSON feed whose images Marquee
                caches. The command line does the same: <code>marquee integrations add</code>.
              </p>
            </section>
          </Show>
        }
      >
        <div class="integration-list">
          <For each={store.items()}>
            {(integration) => (
              <IntegrationCard
                integration={integration}
                busy={store.busy(integration.id)}
                authLink={linkFor(integration.id, integration.pendingAuthUrl)}
                imageUrl={(path) => cacheMediaUrl(face, path)}
                onConnect={() => void connect(integration.id)}
                onFetch={() => void store.fetchNow(integration.id)}
                onPause={(paused) => void store.setPaused(integration.id, paused)}
                onRemove={() => setRemoving(integration)}
              />
            )}
          </For>
        </div>
      </Show>
      <Show when={removing()}>
        {(integration) => (
          <RemoveIntegrationDialog
            integration={integration()}
            onClose={() => setRemoving(null)}
            onConfirm={() => {
              // Read before closing: the accessor is gone once the dialog is.
              const { id } = integration()
              setRemoving(null)
              void store.remove(id)
            }}
          />
        )}
      </Show>
    </>
  )
}
