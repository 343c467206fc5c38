import { onCleanup, onMount } from 'solid-js'
import { previewUrl } from '../../lib/media'

/**
 * "Preview": the bundled player, playing the playlist from the cache, over the page. The
 * player is the same code a bundle carries; Esc or Close ends it.
 */
export function PreviewOverlay(props: { playlistId: number; name: string; onClose: () => void }) {
  let close: HTMLButtonElement | undefined
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') props.onClose()
  }
  onMount(() => {
    document.addEventListener('keydown', onKey)
    close?.focus()
  })
  onCleanup(() => document.removeEventListener('keydown', onKey))
  return (
    <div
      class="preview-overlay"
      role="dialog"
      aria-modal="true"
      aria-label={`Preview of ${props.name}`}
    >
      <div class="preview-overlay__bar">
        <span>Preview of “{props.name}” · plays from the cache, as a bundle would</span>
        <button
          ref={close}
          type="button"
          class="button button--small"
          onClick={() => props.onClose()}
        >
          Close preview
        </button>
      </div>
      <iframe
        class="preview-overlay__frame"
        data-testid="preview-frame"
        title={`Preview of ${props.name}`}
        src={previewUrl(props.playlistId)}
      />
    </div>
  )
}
