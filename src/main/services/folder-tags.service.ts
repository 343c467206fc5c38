import { AppError } from '../errors'
import { parseNode } from '../graph/node'
import type { FolderTagsRepository } from '../repositories/folder-tags.repository'
import type { TagsRepository } from '../repositories/tags.repository'

/**
 * Tag propagation down `contains` (issue 12): tagging a folder tags every asset in it and below,
 * and the ones that arrive later (scan, import, move: triggers of migration 0010). Untagging it
 * takes back only what it handed down; a tag set on an asset by hand stays.
 */
export class FolderTagsService {
  constructor(
    private readonly folderTags: FolderTagsRepository,
    private readonly tags: TagsRepository,
    private readonly rootExists: (id: number) => boolean,
    private readonly now: () => number,
    /** Tells views that assets' tags changed (the gallery and the inspector reload them). */
    private readonly changed: () => void = () => {},
  ) {}

  apply(request: { rootId: number; folder: string; add?: string[]; remove?: string[] }): {
    changed: number
    tags: string[]
  } {
    const dir = folderOf(request.rootId, request.folder)
    if (!this.rootExists(request.rootId))
      throw new AppError('NOT_FOUND', `There is no library folder ${request.rootId}.`)
    const add = clean(request.add)
    const remove = clean(request.remove)
    if (add.length === 0 && remove.length === 0)
      throw new AppError(
        'INVALID_ARGUMENT',
        'Name the tags to add to the folder or remove from it.',
      )
    const now = this.now()
    const changed = this.folderTags.transaction(() => {
      let n = 0
      for (const name of add)
        n += this.folderTags.add(request.rootId, dir, this.tags.ensure(name, now), now)
      for (const name of remove) {
        const id = this.tags.idOf(name)
        if (id !== undefined) n += this.folderTags.remove(request.rootId, dir, id)
      }
      return n
    })
    if (changed > 0) this.changed()
    return { changed, tags: this.folderTags.ofFolder(request.rootId, dir) }
  }

  tagsOf(rootId: number, folder: string): string[] {
    const dir = folderOf(rootId, folder)
    if (!this.rootExists(rootId))
      throw new AppError('NOT_FOUND', `There is no library folder ${rootId}.`)
    return this.folderTags.ofFolder(rootId, dir)
  }
}

/** A folder's relative path as assets store it ('' for the root), or INVALID_ARGUMENT. */
function folderOf(rootId: number, folder: string): string {
  const trimmed = folder.replace(/^\/+|\/+$/g, '')
  try {
    const node = parseNode(`folder:${rootId}:${trimmed}`)
    return node.kind === 'folder' ? node.text : ''
  } catch {
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${folder}" is not a folder path: use '/'-separated names inside the root, e.g. Menus/Summer.`,
    )
  }
}

function clean(names: string[] | undefined): string[] {
  return [...new Set((names ?? []).map((n) => n.trim()).filter(Boolean))]
}
