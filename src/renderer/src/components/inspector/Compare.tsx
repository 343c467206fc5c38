import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { Portal } from 'solid-js/web'
import type { Asset } from '../../../../shared/domain'
import { formatBytes, formatDateTime } from '../../lib/format'
import { IconClose } from '../icons'
import { focusTrap, keepFocusInside, rememberFocus } from '../viewer/focus-trap'
import { IconFit, IconZoomIn, IconZoomOut } from '../viewer/viewer-icons'
import { stillOf } from '../viewer/viewer-media'
import { FIT, zoomBy, ZOOM_STEP, type View, type Viewport } from '../viewer/zoom'
import { ZoomImage } from '../viewer/ZoomImage'

export interface CompareProps {
  left: Asset
  right: Asset
  isOffline: (rootId: number) => boolean
  onClose: () => void
}

type Side = 'left' | 'right'

/** Which side wins a comparison of two numbers: the larger one, if they differ. */
const larger = (a: number | null, b: number | null): Side | null =>
  a === null || b === null || a === b ? null : a > b ? 'left' : 'right'

/**
 * Two assets side by side with their facts, under one synchronised view: zooming or panning
 * either image moves both, so the same detail is compared. Views are kept relative to each
 * image's fit, so images of different pixel sizes still show the same region.
 */
export function Compare(props: CompareProps) {
  let dialog: HTMLDivElement | undefined
  const [view, setView] = createSignal<View>(FIT)
  const [viewport, setViewport] = createSignal<Viewport>({ width: 0, height: 0 })
  const assets = (): Array<[Side, Asset]> => [
    ['left', props.left],
    ['right', props.right],
  ]
  const still = (asset: Asset) => stillOf(asset, !props.isOffline(asset.rootId))

  onMount(() => dialog?.focus())
  onCleanup(rememberFocus())

  const step = (factor: number): void => {
    const s = still(props.left)
    if (s) setView((v) => zoomBy(v, factor, s.natural, viewport()))
  }
  const trap = focusTrap(() => dialog)
  const onKeyDown = (event: KeyboardEvent): void => {
    trap(event)
    event.stopPropagation()
    if (event.key === 'Escape') {
      event.preventDefault()
      props.onClose()
    } else if (event.key === '+' || event.key === '=') step(ZOOM_STEP)
    else if (event.key === '-') step(1 / ZOOM_STEP)
    else if (event.key === '0') setView(FIT)
  }

  const pixels = (a: Asset): number | null => (a.width && a.height ? a.width * a.height : null)
  const biggerPicture = (): Side | null => larger(pixels(props.left), pixels(props.right))
  const biggerFile = (): Side | null => larger(props.left.size, props.right.size)

  return (
    <Portal>
      <div
        ref={dialog}
        class="viewer compare"
        role="dialog"
        aria-modal="true"
        aria-label={`Compare ${props.left.name} with ${props.right.name}`}
        data-testid="compare"
        tabIndex={-1}
        on:keydown={onKeyDown}
        on:focusout={keepFocusInside(() => dialog)}
      >
        <header class="viewer-bar">
          <div class="viewer-bar__what">
            <h2 class="viewer-bar__name">Compare</h2>
            <p class="viewer-bar__where">Zoom and drag either image: both follow.</p>
          </div>
          <div class="viewer-bar__tools">
            <div class="viewer-zoom" role="group" aria-label="Zoom both">
              <button
                type="button"
                class="viewer-button"
                aria-label="Zoom out"
                disabled={view().zoom <= 1}
                onClick={() => step(1 / ZOOM_STEP)}
              >
                <IconZoomOut />
              </button>
              <button
                type="button"
                class="viewer-button"
                aria-label="Zoom in"
                onClick={() => step(ZOOM_STEP)}
              >
                <IconZoomIn />
              </button>
              <button
                type="button"
                class="viewer-button"
                aria-label="Fit both"
                disabled={view().zoom <= 1}
                onClick={() => setView(FIT)}
              >
                <IconFit />
              </button>
            </div>
            <button
              type="button"
              class="viewer-button"
              aria-label="Close compare"
              title="Close (Esc)"
              onClick={() => props.onClose()}
            >
              <IconClose />
            </button>
          </div>
        </header>
        <div class="compare__panes">
          <For each={assets()}>
            {([side, asset]) => (
              <section class="compare__pane" data-testid="compare-pane" aria-label={asset.name}>
                <div class="compare__image">
                  <Show
                    when={still(asset)}
                    fallback={<p class="viewer-empty__text">No preview of {asset.name}.</p>}
                  >
                    {(s) => (
                      <ZoomImage
                        natural={s().natural}
                        still={s().url}
                        stillSize={s().size}
                        original={s().original}
                        alt={asset.name}
                        view={view()}
                        onView={setView}
                        inset={16}
                        onViewport={side === 'left' ? setViewport : undefined}
                      />
                    )}
                  </Show>
                </div>
                <dl class="compare__facts">
                  <div classList={{ 'compare__fact--more': biggerPicture() === side }}>
                    <dt>Dimensions</dt>
                    <dd data-testid="compare-dimensions">
                      {asset.width && asset.height ? `${asset.width} × ${asset.height}` : '—'}
                    </dd>
                  </div>
                  <div classList={{ 'compare__fact--more': biggerFile() === side }}>
                    <dt>Size</dt>
                    <dd>{formatBytes(asset.size)}</dd>
                  </div>
                  <div>
                    <dt>Date</dt>
                    <dd>{formatDateTime(asset.dateMs)}</dd>
                  </div>
                  <div class="compare__path">
                    <dt>Path</dt>
                    <dd class="mono" title={asset.path}>
                      {asset.path}
                    </dd>
                  </div>
                </dl>
              </section>
            )}
          </For>
        </div>
      </div>
    </Portal>
  )
}
