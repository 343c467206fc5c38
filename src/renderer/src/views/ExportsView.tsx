import { For, Show } from 'solid-js'
import { Banner } from '../components/Banner'
import { IconExports } from '../components/icons'
import { PageHeader } from '../components/PageHeader'
import { formatBytes, formatDateTime, formatDuration } from '../lib/format'
import { createBundlesStore } from '../stores/bundles.store'
import '../styles/collections.css'

/** `#/exports`: every bundle this library wrote — where, when, what, and whether it verified. */
export function ExportsView() {
  const store = createBundlesStore()
  return (
    <>
      <PageHeader
        title="Exports"
        leading={<IconExports class="icon icon--large" />}
        description="Bundles written for players. Each holds its media, a manifest, SHA256SUMS and an offline player (player/index.html). Export a playlist or album from its page."
      />
      <Show when={store.error()}>
        {(message) => (
          <Banner tone="error" onDismiss={store.dismissError}>
            {message()}
          </Banner>
        )}
      </Show>
      <Show when={store.loaded()}>
        <Show
          when={store.bundles().length > 0}
          fallback={
            <p class="collections-empty">
              Nothing exported yet. Open a playlist under Collections and choose Export.
            </p>
          }
        >
          <div class="table-frame">
            <table class="table bundle-history" data-testid="bundle-history">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Folder</th>
                  <th class="cell-count">Profile</th>
                  <th class="cell-count">Objects</th>
                  <th class="cell-count">Size</th>
                  <th class="cell-count">Verified</th>
                  <th class="cell-date">Exported</th>
                </tr>
              </thead>
              <tbody>
                <For each={store.bundles()}>
                  {(b) => (
                    <tr data-testid="bundle-row">
                      <td title={b.bundleId}>{b.name}</td>
                      <td class="cell-path" title={b.dir}>
                        {b.dir}
                      </td>
                      <td class="cell-count">{b.profile}</td>
                      <td
                        class="cell-count"
                        title={`${b.copied} copied, ${b.skipped} already there`}
                      >
                        {b.objects}
                      </td>
                      <td class="cell-count">{formatBytes(b.bytes)}</td>
                      <td class="cell-count">{b.verified ? 'Yes' : 'No'}</td>
                      <td class="cell-date" title={`took ${formatDuration(b.durationMs)}`}>
                        {formatDateTime(b.createdAt)}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
    </>
  )
}
