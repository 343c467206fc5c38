import { For, Show } from 'solid-js'
import { plural } from '../../lib/format'
import type { HeldBy } from '../../stores/gallery-actions.store'
import { Dialog } from './Dialog'

const MAX_LISTED = 8

/**
 * Remove from the library, in two steps when it matters: the first answer lists the
 * collections and exported bundles that use some of the assets; only "Remove anyway" takes them out of those too.
 */
export function RemoveDialog(props: {
  count: number
  heldBy: HeldBy | null
  busy: boolean
  onRemove: (confirm: boolean) => void
  onClose: () => void
}) {
  // Collections lose the items; bundles already written keep their copies, but the user should
  // know the files went there.
  const users = () => {
    const names = new Map<string, number>()
    for (const held of props.heldBy ?? []) {
      for (const c of held.collections) {
        const key = `${c.kind === 'album' ? 'Album' : 'Playlist'} “${c.name}”`
        names.set(key, (names.get(key) ?? 0) + 1)
      }
      for (const b of held.bundles) {
        const key = `Exported bundle “${b.name}”`
        names.set(key, (names.get(key) ?? 0) + 1)
      }
    }
    return [...names]
  }

  return (
    <Dialog
      title={`Remove ${plural(props.count, 'asset')}?`}
      testId="remove-dialog"
      onClose={props.onClose}
    >
      <div class="dialog__body">
        <p>
          They are forgotten by Marquee: thumbnails, tags and ratings go. The files on disk are not
          touched, and a rescan finds them again.
        </p>
        <Show when={users().length}>
          <div class="dialog__warning" role="alert">
            <p>
              {plural(props.heldBy?.length ?? 0, 'asset')}{' '}
              {props.heldBy?.length === 1 ? 'is' : 'are'} used by collections or exported bundles.
              Removing takes them out of the collections; bundles keep their copies:
            </p>
            <ul>
              <For each={users().slice(0, MAX_LISTED)}>
                {([name, n]) => (
                  <li>
                    {name} ({plural(n, 'item')})
                  </li>
                )}
              </For>
              <Show when={users().length > MAX_LISTED}>
                <li>and {users().length - MAX_LISTED} more</li>
              </Show>
            </ul>
          </div>
        </Show>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button
            type="button"
            class="button button--danger"
            disabled={props.busy}
            onClick={() => props.onRemove(users().length > 0)}
          >
            {users().length ? 'Remove anyway' : 'Remove from library'}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
