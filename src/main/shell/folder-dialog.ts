import { dialog, type BrowserWindow } from 'electron'
import type { FolderPurpose } from '../../shared/contract'
import type { Core } from '../app'

const PICKER = {
  library: { title: 'Add a library folder', properties: ['openDirectory' as const] },
  // A bundle usually goes to a new folder on a stick: let the picker make one.
  export: {
    title: 'Export the bundle to this folder',
    buttonLabel: 'Export here',
    properties: ['openDirectory' as const, 'createDirectory' as const],
  },
}

/** The OS folder picker, attached to the window when there is one. Null when cancelled. */
export async function pickFolder(
  window: BrowserWindow | null,
  purpose: FolderPurpose = 'library',
): Promise<string | null> {
  const options = PICKER[purpose]
  const picked = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options)
  return picked.canceled ? null : (picked.filePaths[0] ?? null)
}

/**
 * File › Add Folder…: the main process picks the folder and adds it through the same validated
 * dispatcher the renderer uses; the renderer learns of it from the `roots.changed` event, so the
 * menu needs nothing new in the contract.
 */
export async function addFolderFromMenu(
  core: Pick<Core, 'dispatch'>,
  window: BrowserWindow | null,
): Promise<void> {
  const path = await pickFolder(window)
  if (!path) return
  const response = await core.dispatch('roots.add', { path })
  if (response.ok) return
  const box = {
    type: 'warning' as const,
    message: 'Marquee could not add this folder',
    detail: response.error.message,
  }
  await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box))
}
