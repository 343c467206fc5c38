import { Show } from 'solid-js'
import { formatCount } from '../../lib/format'
import { IconClose } from '../icons'
import { IconCloudOff, IconFit, IconPanel, IconZoomIn, IconZoomOut } from './viewer-icons'

export interface ZoomControls {
  /** "100%" in the user's locale. */
  label: string
  fitted: boolean
  canZoomIn: boolean
  /** What is drawn: the cached still, the original, or the original on its way. */
  source: 'still' | 'loading' | 'original'
  onZoomIn: () => void
  onZoomOut: () => void
  /** Fit ↔ 100 %. */
  onToggleActual: () => void
  onFit: () => void
}

export interface ViewerToolbarProps {
  titleId: string
  name: string
  folder: string
  index: number
  total: number
  /** Why the original is not shown: its root is offline, or the file is gone. */
  originalTrouble: 'offline' | 'missing' | null
  zoom: ZoomControls | null
  inspectorOpen: boolean
  onToggleInspector: () => void
  onClose: () => void
}

/** The viewer's top bar: what is shown and where it is, zoom, the inspector, close. */
export function ViewerToolbar(props: ViewerToolbarProps) {
  return (
    <header class="viewer-bar">
      <div class="viewer-bar__what" aria-live="polite">
        <h2 class="viewer-bar__name" id={props.titleId} title={props.name}>
          {props.name}
        </h2>
        <p class="viewer-bar__where">
          <span data-testid="viewer-position">
            {formatCount(props.index + 1)} of {formatCount(props.total)}
          </span>
          <Show when={props.folder}>
            <span class="viewer-bar__sep" aria-hidden="true">
              ·
            </span>
            <span class="viewer-bar__folder">{props.folder}</span>
          </Show>
        </p>
      </div>
      <Show when={props.originalTrouble}>
        {(trouble) => (
          <p
            class="viewer-badge"
            data-testid="viewer-offline"
            title={
              trouble() === 'offline'
                ? 'The folder that holds this file cannot be reached. Marquee shows the largest preview it keeps; the original comes back with the folder.'
                : 'This file is no longer in its folder. Marquee shows the largest preview it keeps.'
            }
          >
            <IconCloudOff class="icon viewer-badge__icon" />
            {trouble() === 'offline' ? 'Original offline' : 'Original missing'}
          </p>
        )}
      </Show>
      <div class="viewer-bar__tools">
        <Show when={props.zoom}>
          {(zoom) => (
            <div class="viewer-zoom" role="group" aria-label="Zoom">
              <Show when={zoom().source !== 'still'}>
                <span class="viewer-zoom__source" data-testid="viewer-source" role="status">
                  {zoom().source === 'loading' ? 'Loading original…' : 'Original'}
                </span>
              </Show>
              <button
                type="button"
                class="viewer-button"
                aria-label="Zoom out"
                title="Zoom out (−)"
                disabled={zoom().fitted}
                onClick={() => zoom().onZoomOut()}
              >
                <IconZoomOut />
              </button>
              <button
                type="button"
                class="viewer-button viewer-zoom__level"
                data-testid="viewer-zoom-level"
                title={zoom().fitted ? 'Show at 100 % (1)' : 'Fit to the window (0)'}
                onClick={() => zoom().onToggleActual()}
              >
                {zoom().label}
              </button>
              <button
                type="button"
                class="viewer-button"
                aria-label="Zoom in"
                title="Zoom in (+)"
                disabled={!zoom().canZoomIn}
                onClick={() => zoom().onZoomIn()}
              >
                <IconZoomIn />
              </button>
              <button
                type="button"
                class="viewer-button"
                aria-label="Fit to window"
                title="Fit to the window (0)"
                disabled={zoom().fitted}
                onClick={() => zoom().onFit()}
              >
                <IconFit />
              </button>
            </div>
          )}
        </Show>
        <button
          type="button"
          class="viewer-button"
          aria-label="Info"
          aria-pressed={props.inspectorOpen}
          title="Info (i)"
          onClick={() => props.onToggleInspector()}
        >
          <IconPanel />
        </button>
        <button
          type="button"
          class="viewer-button"
          aria-label="Close viewer"
          title="Close (Esc)"
          data-testid="viewer-close"
          onClick={() => props.onClose()}
        >
          <IconClose />
        </button>
      </div>
    </header>
  )
}
