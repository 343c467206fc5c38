import { carriesFiles } from '../components/import/dropped-files'

/**
 * Files dropped anywhere outside a drop zone (the Folders page, the sidebar, a dialog) would make
 * the browser, or Electron's window, open the file in place of the app. The page takes such drags
 * and does nothing with them; the gallery's drop zone handles its own before they get here.
 */
export function guardWindowDrops(target: Window = window): () => void {
  const take = (e: DragEvent): void => {
    if (e.defaultPrevented || !carriesFiles(e.dataTransfer)) return
    e.preventDefault()
    // Says "nothing happens here" with the cursor instead of a copy that will not happen.
    if (e.type === 'dragover') e.dataTransfer!.dropEffect = 'none'
  }
  target.addEventListener('dragover', take)
  target.addEventListener('drop', take)
  return () => {
    target.removeEventListener('dragover', take)
    target.removeEventListener('drop', take)
  }
}
