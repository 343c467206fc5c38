import { createSignal } from 'solid-js'

/**
 * One element that takes some drags: it highlights while such a drag is over it (enter and
 * leave counted, as they fire for every child) and hands over the drop. Other drags pass by.
 */
export function createDropTarget(
  accepts: (transfer: DataTransfer | null) => boolean,
  onDrop: (transfer: DataTransfer | null) => void,
  /** Must be one the drag allows (its effectAllowed), or the browser refuses the drop. */
  effect: 'copy' | 'move' = 'copy',
) {
  const [depth, setDepth] = createSignal(0)
  const take = (e: DragEvent): boolean => {
    if (!accepts(e.dataTransfer)) return false
    e.preventDefault()
    e.stopPropagation()
    return true
  }
  return {
    over: () => depth() > 0,
    handlers: {
      onDragEnter: (e: DragEvent) => take(e) && setDepth((d) => d + 1),
      onDragOver: (e: DragEvent) => {
        if (take(e) && e.dataTransfer) e.dataTransfer.dropEffect = effect
      },
      onDragLeave: (e: DragEvent) => take(e) && setDepth((d) => Math.max(0, d - 1)),
      onDrop: (e: DragEvent) => {
        if (!take(e)) return
        setDepth(0)
        onDrop(e.dataTransfer)
      },
    },
  }
}
