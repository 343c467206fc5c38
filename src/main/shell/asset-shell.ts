import { join } from 'node:path'
import { nativeImage, shell, type WebContents } from 'electron'
import type { Asset, Root } from '../../shared/domain'
import type { Core } from '../app'

type Dispatcher = Pick<Core, 'dispatch'>

/** At most this many files go out in one drag. */
const MAX_DRAG = 100
/** What the pointer carries while dragging out (the app's mark, 32 px). */
const DRAG_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAMAAABEpIrGAAAAV1BMVEVMaXFPWtVPWtVOW9ROWtROW9VPWtROW9VPW9RVVdROWtROWtVPW9X///9SXtbq6/r19v1octv9/f+tsut5gt/AxPDa3PbZ3PZZZdePl+SVneZbZtjEyPFyy/YkAAAADHRSTlMAh+eJ5sPkiOUGwsX9ZN3aAAAACXBIWXMAAAsTAAALEwEAmpwYAAAAc0lEQVQ4y9XTywqAIBAFUCtttJzK3q///87AFm7UIYygu52DOHJl7B9RBdfeSFAWgA4GLOBhkFugI3kMzoMA2I4EwH5o4gBxNgTAbqfAFgeLSboktea0pj61H8jwvKQKk92VAxmv3Hup3eHCC4QD1af/7gLMahukzW6LgwAAAABJRU5ErkJggg=='

/**
 * "Reveal in folder" and "Open with default app". The page names an asset by id, never a
 * path: the main process looks the path up in the library, so a page cannot make the OS open
 * an arbitrary file. Answers null when done, else a sentence for the user.
 */
export async function revealAsset(core: Dispatcher, id: unknown): Promise<string | null> {
  const found = await reachable(core, id)
  if (typeof found === 'string') return found
  shell.showItemInFolder(found.path)
  return null
}

export async function openAsset(core: Dispatcher, id: unknown): Promise<string | null> {
  const found = await reachable(core, id)
  if (typeof found === 'string') return found
  // Roots that index every file may hold programs and scripts: those are never launched.
  if (found.type === 'other')
    return 'Marquee opens media files only; use “Reveal in folder” to find this one.'
  const error = await shell.openPath(found.path)
  return error ? `The file could not be opened: ${error}` : null
}

/**
 * Drags assets out to the desktop or another app: each original, or, when its root is offline,
 * the largest cached variant (a copy good enough to use), so a drag works with the NAS away.
 */
export async function dragOut(
  core: Dispatcher & { paths: { cacheDir: string } },
  sender: Pick<WebContents, 'startDrag'>,
  ids: unknown,
): Promise<string | null> {
  if (!Array.isArray(ids) || ids.length === 0) return 'Choose something to drag.'
  const files: string[] = []
  for (const id of ids.slice(0, MAX_DRAG)) {
    const found = await reachable(core, id)
    if (typeof found !== 'string') {
      files.push(found.path)
      continue
    }
    const asset = typeof id === 'number' ? await core.dispatch('assets.get', { id }) : undefined
    if (!asset?.ok) continue
    const cached = (asset.result as Asset).derivatives
      .filter((d) => d.mime.startsWith('image/') || d.mime.startsWith('video/'))
      .sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0]
    if (cached) files.push(join(core.paths.cacheDir, ...cached.path.split('/')))
  }
  if (files.length === 0)
    return 'Nothing of this can be dragged out: the originals cannot be reached.'
  sender.startDrag({ file: files[0]!, files, icon: nativeImage.createFromDataURL(DRAG_ICON) })
  return null
}

async function reachable(
  core: Dispatcher,
  id: unknown,
): Promise<{ path: string; type: string } | string> {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1)
    return 'That is not an asset of this library.'
  const found = await core.dispatch('assets.get', { id })
  if (!found.ok) return found.error.message
  const asset = found.result as Asset
  const roots = await core.dispatch('roots.list', undefined)
  const root = roots.ok ? (roots.result as Root[]).find((r) => r.id === asset.rootId) : undefined
  if (root?.status === 'offline')
    return `${root.label} is offline${root.statusReason ? ` (${root.statusReason})` : ''}: the original cannot be reached now.`
  return { path: asset.path, type: asset.type }
}
