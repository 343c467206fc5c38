import { createSignal, For, Show } from 'solid-js'
import type { Asset } from '../../../../shared/domain'
import { plural } from '../../lib/format'
import { variantUrl } from '../../lib/media'
import { createReplaceStore } from '../../stores/replace.store'
import { Dialog } from '../gallery/Dialog'

const hasSmall = (a: Asset): boolean => a.derivatives.some((d) => d.variant === 'small')

/**
 * "Replace with…": the new version of this asset takes its place in every playlist and album.
 * Pick an asset already in the library (search by name or path), or drop a file here: it is
 * imported next to the old one first. The old file is never touched.
 */
export function ReplaceDialog(props: { asset: Asset; onClose: () => void }) {
  const store = createReplaceStore(() => props.asset)
  const [over, setOver] = createSignal(false)

  return (
    <Dialog
      title={`Replace “${props.asset.name}” with…`}
      testId="replace-dialog"
      onClose={props.onClose}
    >
      <Show
        when={store.done()}
        fallback={
          <div class="dialog__body">
            <p>
              The new content takes its place in every playlist and album, at the same position and
              duration. The old file stays where it is.
            </p>
            <input
              class="input"
              type="search"
              placeholder="Find an asset by name or path"
              aria-label="Find the new asset"
              value={store.query()}
              onInput={(e) => store.setQuery(e.currentTarget.value)}
              disabled={store.busy() !== null}
            />
            <ul class="replace-matches" aria-label="Matching assets">
              <For each={store.matches() ?? []}>
                {(a) => (
                  <li>
                    <button
                      type="button"
                      class="replace-match"
                      data-testid="replace-match"
                      disabled={store.busy() !== null}
                      onClick={() => void store.replaceWith(a.id)}
                    >
                      <Show
                        when={a.sha256 && hasSmall(a)}
                        fallback={<span class="replace-match__thumb" />}
                      >
                        <img
                          class="replace-match__thumb"
                          alt=""
                          src={variantUrl(a.sha256!, 'small')}
                        />
                      </Show>
                      <span class="replace-match__name">{a.name}</span>
                      <span class="replace-match__path mono">{a.relPath}</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <div
              class="replace-drop"
              classList={{ 'replace-drop--over': over() }}
              data-testid="replace-drop"
              onDragEnter={(e) => {
                e.preventDefault()
                setOver(true)
              }}
              onDragOver={(e) => e.preventDefault()}
              onDragLeave={() => setOver(false)}
              onDrop={(e) => {
                e.preventDefault()
                setOver(false)
                if (e.dataTransfer && store.busy() === null) void store.dropFile(e.dataTransfer)
              }}
            >
              {store.busy() ?? 'Or drop the new file here: it is imported into the same folder.'}
            </div>
            <Show when={store.error()}>
              {(message) => (
                <p class="dialog__warning" role="alert">
                  {message()}
                </p>
              )}
            </Show>
            <div class="dialog__actions">
              <button type="button" class="button" onClick={() => props.onClose()}>
                Cancel
              </button>
            </div>
          </div>
        }
      >
        {(result) => (
          <div class="dialog__body" data-testid="replace-done">
            <p role="status">
              <Show
                when={result().collections.length}
                fallback="No playlist or album held it; the replacement is recorded."
              >
                Replaced in {plural(result().collections.length, 'collection')}:
              </Show>
            </p>
            <ul class="replace-done__list">
              <For each={result().collections}>
                {(c) => (
                  <li>
                    {c.kind === 'album' ? 'Album' : 'Playlist'} “{c.name}” (
                    {plural(c.items, 'item')})
                  </li>
                )}
              </For>
            </ul>
            <div class="dialog__actions">
              <button type="button" class="button button--primary" onClick={() => props.onClose()}>
                Done
              </button>
            </div>
          </div>
        )}
      </Show>
    </Dialog>
  )
}
