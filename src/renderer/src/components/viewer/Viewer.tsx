/**
 * The viewer (lightbox): one asset at a time over a dark backdrop, moved through the gallery's
 * current query with ←/→.
 *
 * Props:
 * - `assetId`, `index`, `total`: what is shown and where it sits in the query.
 * - `onNavigate(index)`: the user asked for another position (←/→, Home/End, the side buttons);
 *   the owner answers by passing the new `index` and `assetId`.
 * - `idAt(index)`: the id at a position, or null (the gallery holds windows of rows, so this is
 *   asynchronous); used to preload the neighbours' stills.
 * - `onClose()`: Esc, Space (quick look toggles), the close button. Focus goes back to what had it.
 */
import {
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  Match,
  on,
  onCleanup,
  onMount,
  Show,
  Switch,
} from 'solid-js'
import { Portal } from 'solid-js/web'
import type { Asset } from '../../../../shared/domain'
import { originalUrl } from '../../lib/media'
import { useStore } from '../../stores'
import { createAssetDetails } from '../../stores/viewer.store'
import { Inspector } from '../inspector/Inspector'
import { focusTrap, keepFocusInside, rememberFocus } from './focus-trap'
import { createZoom } from './create-zoom'
import { AudioStage, NoPreview, VideoStage } from './MediaStage'
import { probeOriginal, type OriginalTrouble } from './original-probe'
import { IconChevronLeft, IconChevronRight } from './viewer-icons'
import { stageOf, stillOf } from './viewer-media'
import { viewerKeys } from './viewer-keys'
import { ViewerToolbar } from './ViewerToolbar'
import { ZoomImage } from './ZoomImage'

export interface ViewerProps {
  assetId: number
  index: number
  total: number
  onNavigate: (index: number) => void
  onClose: () => void
  idAt: (index: number) => Promise<number | null>
}

// Whoever opened the inspector once wants it the next time the viewer opens, too.
let inspectorWasOpen = false

export function Viewer(props: ViewerProps) {
  const { roots } = useStore()
  const details = createAssetDetails()
  const titleId = createUniqueId()
  let dialog: HTMLDivElement | undefined
  const [inspectorOpen, setInspectorOpen] = createSignal(inspectorWasOpen)
  const [trouble, setTrouble] = createSignal<OriginalTrouble | null>(null)

  onMount(() => dialog?.focus())
  onCleanup(rememberFocus())

  createEffect(
    on(
      () => props.assetId,
      (id) => {
        zoom.fit()
        setTrouble(null)
        void details.load(id)
      },
    ),
  )

  const asset = (): Asset | undefined => details.get(props.assetId)
  const rootOffline = (): boolean => {
    const a = asset()
    return a !== undefined && roots.byId(a.rootId)?.status === 'offline'
  }
  const reachable = (): boolean =>
    !rootOffline() && trouble() === null && asset()?.status !== 'missing'
  const stage = createMemo(() => {
    const a = asset()
    return a ? stageOf(a, reachable()) : null
  })
  const still = () => {
    const s = stage()
    return s?.kind === 'image' ? s.still : null
  }
  const zoom = createZoom(still)
  const video = () => {
    const s = stage()
    return s?.kind === 'video' ? s : null
  }
  const audio = () => {
    const s = stage()
    return s?.kind === 'audio' ? s : null
  }
  const originalTrouble = (): 'offline' | 'missing' | null => {
    if (rootOffline() || trouble() === 'offline') return 'offline'
    if (asset()?.status === 'missing' || trouble() === 'missing') return 'missing'
    return null
  }
  const onOriginalError = (): void => {
    const a = asset()
    if (a) void probeOriginal(originalUrl(a.rootId, a.relPath)).then(setTrouble)
  }

  const go = (index: number): void => {
    const next = Math.min(Math.max(index, 0), props.total - 1)
    if (next !== props.index) props.onNavigate(next)
  }
  const toggleInspector = (): void => {
    inspectorWasOpen = !inspectorOpen()
    setInspectorOpen(inspectorWasOpen)
  }

  // The neighbours' stills load while the user looks at this one, so ←/→ shows them at once.
  const preloaded: HTMLImageElement[] = []
  createEffect(
    on([() => props.index, () => props.total], ([index, total]) => {
      for (const n of [index + 1, index - 1]) {
        if (n < 0 || n >= total) continue
        void props
          .idAt(n)
          .then((id) => (id === null ? null : details.load(id)))
          .then((neighbour) => {
            const url = neighbour && stillOf(neighbour, false)?.url
            if (!url || preloaded.some((img) => img.src.endsWith(url))) return
            const img = new Image()
            img.decoding = 'async'
            img.src = url
            preloaded.push(img)
            if (preloaded.length > 4) preloaded.shift()
          })
      }
    }),
  )

  const onKeyDown = viewerKeys({
    trap: focusTrap(() => dialog),
    focusDialog: () => dialog?.focus(),
    close: () => props.onClose(),
    move: (delta) => go(props.index + delta),
    first: () => go(0),
    last: () => go(props.total - 1),
    toggleInspector,
    zoomIn: zoom.zoomIn,
    zoomOut: zoom.zoomOut,
    fit: zoom.fit,
    actual: zoom.actual,
  })

  return (
    <Portal>
      <div
        ref={dialog}
        class="viewer"
        classList={{ 'viewer--inspector': inspectorOpen() }}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="viewer"
        data-asset-id={props.assetId}
        tabIndex={-1}
        on:keydown={onKeyDown}
        on:focusout={keepFocusInside(() => dialog)}
      >
        <ViewerToolbar
          titleId={titleId}
          name={asset()?.name ?? details.failure(props.assetId) ?? 'Loading…'}
          folder={asset()?.relPath.split('/').slice(0, -1).join('/') ?? ''}
          index={props.index}
          total={props.total}
          originalTrouble={asset() ? originalTrouble() : null}
          zoom={zoom.controls()}
          inspectorOpen={inspectorOpen()}
          onToggleInspector={toggleInspector}
          onClose={() => props.onClose()}
        />
        <div class="viewer__body">
          <div class="viewer__stage">
            <Show when={asset()}>
              {(a) => (
                <Switch fallback={<NoPreview asset={a()} offline={rootOffline()} />}>
                  <Match when={still()}>
                    {(s) => (
                      <ZoomImage
                        natural={s().natural}
                        still={s().url}
                        stillSize={s().size}
                        original={s().original}
                        alt={a().title ?? a().name}
                        view={zoom.view()}
                        onView={zoom.setView}
                        inset={32}
                        onViewport={zoom.setViewport}
                        onOriginalError={onOriginalError}
                        onSource={zoom.setSource}
                      />
                    )}
                  </Match>
                  <Match when={video()}>
                    {(v) => (
                      <VideoStage
                        src={v().src}
                        poster={v().poster}
                        name={a().name}
                        onError={() => v().fromOriginal && onOriginalError()}
                      />
                    )}
                  </Match>
                  <Match when={audio()}>
                    {(s) => (
                      <AudioStage
                        asset={a()}
                        src={s().src}
                        cover={s().cover}
                        onError={onOriginalError}
                      />
                    )}
                  </Match>
                </Switch>
              )}
            </Show>
            <Show when={details.failure(props.assetId) && !asset()}>
              <p class="viewer-empty__text" role="alert">
                {details.failure(props.assetId)}
              </p>
            </Show>
            <button
              type="button"
              class="viewer-nav viewer-nav--prev"
              aria-label="Previous"
              title="Previous (←)"
              disabled={props.index <= 0}
              onClick={() => go(props.index - 1)}
            >
              <IconChevronLeft class="icon viewer-nav__icon" />
            </button>
            <button
              type="button"
              class="viewer-nav viewer-nav--next"
              aria-label="Next"
              title="Next (→)"
              disabled={props.index >= props.total - 1}
              onClick={() => go(props.index + 1)}
            >
              <IconChevronRight class="icon viewer-nav__icon" />
            </button>
          </div>
          <Show when={inspectorOpen()}>
            <aside class="viewer__inspector" aria-label="Info">
              <Inspector assetId={props.assetId} details={details} />
            </aside>
          </Show>
        </div>
      </div>
    </Portal>
  )
}
