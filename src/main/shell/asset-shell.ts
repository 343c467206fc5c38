import { shell } from 'electron'
import type { Asset, Root } from '../../shared/domain'
import type { Core } from '../app'

type Dispatcher = Pick<Core, 'dispatch'>

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
