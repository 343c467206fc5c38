import { createSignal, onCleanup } from 'solid-js'
import type { MethodResult } from '../../../shared/contract'
import type { CollectionKind, Selection, Tag } from '../../../shared/domain'
import { call, messageOf, on, onReconnect } from '../lib/api'
import { plural } from '../lib/format'
import type { GalleryDrag } from '../lib/gallery-drag'
import type { SelectionStore } from './selection.store'

export type HeldBy = MethodResult<'assets.remove'>['heldBy']

const collected = ({ collection: c, added }: MethodResult<'collections.addSelection'>): string =>
  `${plural(added, 'item')} added. ${c.kind === 'album' ? 'Album' : 'Playlist'} “${c.name}” now holds ${plural(c.itemCount, 'item')}.`

/**
 * What the selection bar does: tag, rate, retry, remove, add to a collection. Each action turns
 * the selection into the contract's form once (select-all stays a query) and says what happened
 * in one sentence; the gallery itself updates from `assets.changed`.
 */
export function createGalleryActionsStore(selection: SelectionStore) {
  const [tags, setTags] = createSignal<Tag[]>([])
  const [busy, setBusy] = createSignal(false)
  const [notice, setNotice] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)

  const loadTags = async (): Promise<void> => {
    try {
      setTags(await call('tags.list'))
    } catch (e) {
      setError(`The tags could not be loaded. ${messageOf(e)}`)
    }
  }
  void loadTags()
  onCleanup(onReconnect(() => void loadTags()))
  // Tag counts move when tagged assets come and go.
  onCleanup(
    on(
      'assets.changed',
      (c) => (c.resync || c.added.length || c.removed.length) && void loadTags(),
    ),
  )

  /** Runs one action on the selection; returns its answer, or null when it failed. */
  const run = async <T>(
    what: string,
    action: (selection: Selection) => Promise<T>,
    done: (answer: T) => string | null,
    from: () => Promise<Selection> = selection.resolve,
  ): Promise<T | null> => {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      const answer = await action(await from())
      setNotice(done(answer))
      return answer
    } catch (e) {
      setError(`${what} did not work. ${messageOf(e)}`)
      return null
    } finally {
      setBusy(false)
    }
  }

  return {
    tags,
    busy,
    notice,
    error,
    dismiss() {
      setNotice(null)
      setError(null)
    },
    /** Says why something asked of the gallery (a drag out) could not be done. */
    report: (message: string) => setError(message),
    loadTags,
    tag: (add: string[], remove: string[]) =>
      run(
        'Tagging',
        (s) => call('tags.apply', { selection: s, add, remove }),
        (answer) => {
          setTags(answer.tags)
          return `${plural(answer.changed, 'asset')} ${add.length ? 'tagged' : 'untagged'}.`
        },
      ),
    rate: (rating: number) =>
      run(
        'Rating',
        (s) => call('assets.update', { selection: s, rating: rating === 0 ? null : rating }),
        (answer) => `${plural(answer.updated, 'asset')} rated.`,
      ),
    retry: () =>
      run(
        'Retrying',
        (s) => call('jobs.retry', { selection: s }),
        () => 'Failed assets in the selection start over.',
      ),
    /**
     * Without `confirm` the core removes nothing when a collection holds an asset and answers
     * with those collections; the dialog shows them and asks again with `confirm`.
     */
    remove: (confirm: boolean) =>
      run(
        'Removing',
        (s) => call('assets.remove', { selection: s, confirm }),
        (answer) =>
          answer.removed.length
            ? `${plural(answer.removed.length, 'asset')} removed from the library. The files were not touched.`
            : null,
      ),
    // The core resolves the selection (a select-all stays a query): no ids come back here.
    addToCollection: (kind: CollectionKind, name: string, create: boolean) =>
      run(
        kind === 'album' ? 'Adding to the album' : 'Adding to the playlist',
        async (s) => {
          if (create) await call('collections.create', { kind, name })
          return call('collections.addSelection', { kind, name, selection: s })
        },
        collected,
      ),
    /** Tiles dropped on a playlist or an album (the sidebar, the collections list). */
    addDragged: (kind: CollectionKind, name: string, drag: GalleryDrag) =>
      run(
        kind === 'album' ? 'Adding to the album' : 'Adding to the playlist',
        (s) => call('collections.addSelection', { kind, name, selection: s }),
        collected,
        async () => drag.selection ?? selection.resolve(),
      ),
    collections: (kind: CollectionKind) => call('collections.list', { kind }),
  }
}

export type GalleryActionsStore = ReturnType<typeof createGalleryActionsStore>
