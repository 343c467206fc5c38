import '../../styles/playlist-items.css'

/** A playlist's own actions beside Export: items that are not files, and the preview. */
export function PlaylistActions(props: {
  canPreview: boolean
  onAdd: (kind: 'url' | 'integration') => void
  onPreview: () => void
}) {
  return (
    <>
      <button type="button" class="button" onClick={() => props.onAdd('url')}>
        Add web page…
      </button>
      <button type="button" class="button" onClick={() => props.onAdd('integration')}>
        Add integration…
      </button>
      <button
        type="button"
        class="button"
        disabled={!props.canPreview}
        onClick={() => props.onPreview()}
      >
        Preview
      </button>
    </>
  )
}
