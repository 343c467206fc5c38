/**
 * Tiles dragged from the gallery onto a playlist or an album. The drag carries the selection
 * in the contract's form under its own DataTransfer type — a select-all as its query, never as
 * a list of ids — so the core resolves it. It never carries `Files`, so the import drop zone
 * (which takes only file drops) ignores it.
 *
 * In the desktop app a tile drag is the operating system's drag of the files (to drop them on
 * the desktop); the page then sees a plain file drag. The drag begun here is remembered, so a
 * playlist in the sidebar still takes it.
 */
import type { GalleryDrag } from './drag-selection'

export { dragOfTile, type GalleryDrag } from './drag-selection'

export const GALLERY_DRAG_TYPE = 'application/x-marquee-selection'

let active: GalleryDrag | null = null
let listening = false

/** Starts a page drag (the browser) or remembers an OS drag of the files (the desktop app). */
export function beginGalleryDrag(transfer: DataTransfer | null, drag: GalleryDrag): void {
  active = drag
  if (transfer) {
    transfer.setData(GALLERY_DRAG_TYPE, JSON.stringify(drag))
    transfer.setData('text/plain', `${drag.count} media`)
    transfer.effectAllowed = 'copy'
  }
  if (listening) return
  listening = true
  const end = (): void => {
    active = null
  }
  window.addEventListener('dragend', end)
  window.addEventListener('drop', end)
  // An OS drag ends without a page event; the first plain pointer move after it does.
  window.addEventListener('pointermove', (e) => e.buttons === 0 && end())
}

/** During dragover only the types can be read: is this a drag of gallery tiles? */
export function isGalleryDrag(transfer: DataTransfer | null): boolean {
  const types = transfer ? [...transfer.types] : []
  return types.includes(GALLERY_DRAG_TYPE) || (active !== null && types.includes('Files'))
}

/** On drop: the selection the drag carries. */
export function galleryDragOf(transfer: DataTransfer | null): GalleryDrag | null {
  const raw = transfer?.getData(GALLERY_DRAG_TYPE)
  if (raw) {
    try {
      return JSON.parse(raw) as GalleryDrag
    } catch {
      return null
    }
  }
  return active
}
