import { createSignal, For, Show } from 'solid-js'
import { BundleCheck } from '../components/collections/BundleCheck'
import { BundleChanges, BundlePlaylists } from '../components/collections/BundlePlaylists'
import { Banner } from '../components/Banner'
import { IconExports } from '../components/icons'
import { PageHeader } from '../components/PageHeader'
import { formatBytes, formatDateTime, formatDuration } from '../lib/format'
import { createBundlesStore } from '../stores/bundles.store'
import { hrefOf } from '../stores/router.store'
import '../styles/collections.css'
import '../styles/exports.css'

/** `#/exports`: every bundle this library wrote — where, when, what, and whether it verified. */
export function ExportsView() {
  const store = createBundlesStore()
  const [folder, setFolder] = createSignal('')
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
      <form
        class="bundle-verify"
        onSubmit={(e) => {
          e.preventDefault()
          if (folder().trim()) void store.verify(folder().trim())
        }}
      >
        <label class="field field--grow">
          <span class="field__label">Verify any bundle folder (a stick from elsewhere, too)</span>
          <input
            class="input input--mono"
            placeholder="/media/usb/lobby"
            value={folder()}
            onInput={(e) => setFolder(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button" disabled={!folder().trim()}>
          Verify folder
        </button>
      </form>
      <Show when={folder().trim() && store.checkOf(folder().trim())}>
        <BundleCheck check={store.checkOf(folder().trim())} />
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
                  <th>Name · made from</th>
                  <th>Folder</th>
                  <th class="cell-profile">Profile</th>
                  <th class="cell-count">Objects</th>
                  <th class="cell-count">Size</th>
                  <th class="cell-count">Verified</th>
                  <th class="cell-date">Exported</th>
                  <th class="cell-verify">
                    <span class="visually-hidden">Verify</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={store.bundles()}>
                  {(b) => (
                    <>
                      <tr data-testid="bundle-row">
                        <td class="cell-bundle-name" title={b.bundleId}>
                          {b.name}{' '}
                          <a
                            class="bundle-graph-link"
                            aria-label={`Open ${b.name} in graph`}
                            href={hrefOf({ name: 'graph', node: `bundle:${b.bundleId}` })}
                          >
                            graph
                          </a>
                          <BundlePlaylists bundle={b} />
                        </td>
                        <td class="cell-path" title={b.dir}>
                          {b.dir}
                        </td>
                        <td class="cell-profile">{b.profile}</td>
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
                        <td class="cell-verify">
                          <button
                            type="button"
                            class="button button--small"
                            aria-label={`Verify ${b.dir}`}
                            disabled={store.checkOf(b.dir) === 'running'}
                            onClick={() => void store.verify(b.dir)}
                          >
                            Verify now
                          </button>
                        </td>
                      </tr>
                      <Show when={b.outdated}>
                        <tr class="bundle-check-row">
                          <td colSpan={8}>
                            <BundleChanges bundle={b} />
                          </td>
                        </tr>
                      </Show>
                      <Show when={store.checkOf(b.dir)}>
                        <tr class="bundle-check-row">
                          <td colSpan={8}>
                            <BundleCheck check={store.checkOf(b.dir)} />
                          </td>
                        </tr>
                      </Show>
                    </>
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
