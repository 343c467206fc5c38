import { createResource, createSignal } from 'solid-js'
import { call, messageOf } from '../lib/api'

/**
 * The tags one folder hands down (tags.ofFolder), and adding or removing one (tags.folder):
 * each change says how many files gained or lost a tag.
 */
export function createFolderTags(rootId: () => number, folder: () => string) {
  const [tags, { mutate }] = createResource(
    () => ({ rootId: rootId(), folder: folder() }),
    async (where) => (await call('tags.ofFolder', where)).tags,
  )
  const [note, setNote] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)

  const change = async (request: { add?: string[]; remove?: string[] }): Promise<void> => {
    setError(null)
    try {
      const result = await call('tags.folder', { rootId: rootId(), folder: folder(), ...request })
      mutate(result.tags)
      const verb = request.add ? 'now carry' : 'no longer carry'
      const tag = (request.add ?? request.remove)![0]
      setNote(
        `${result.changed} ${result.changed === 1 ? 'file' : 'files'} ${verb} “${tag}”${request.add ? ', and new ones will too' : ''}.`,
      )
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return {
    tags: () => tags() ?? [],
    loading: () => tags.loading,
    loadError: () => (tags.error ? messageOf(tags.error) : null),
    note,
    error,
    add: (name: string) => change({ add: [name] }),
    remove: (name: string) => change({ remove: [name] }),
  }
}
