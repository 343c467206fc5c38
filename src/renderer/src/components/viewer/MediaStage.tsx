import { Match, Show, Switch } from 'solid-js'
import type { Asset } from '../../../../shared/domain'
import { formatDuration } from '../../lib/format'
import { IconFile, IconMusic } from './viewer-icons'

/**
 * The viewer's video: the cached 720p preview (seeking asks the media route for byte ranges).
 * Playback starts at once, as opening a video is asking to watch it.
 */
export function VideoStage(props: {
  src: string
  poster: string | null
  name: string
  onError: () => void
}) {
  return (
    <div class="viewer-media">
      <video
        class="viewer-media__video"
        data-testid="viewer-video"
        src={props.src}
        poster={props.poster ?? undefined}
        aria-label={props.name}
        controls
        autoplay
        playsinline
        preload="metadata"
        onError={() => props.onError()}
      />
    </div>
  )
}

/** A sound: a cover (a cached still when the file has one) and the player. */
export function AudioStage(props: {
  asset: Asset
  src: string | null
  cover: string | null
  onError: () => void
}) {
  return (
    <div class="viewer-media">
      <div class="viewer-audio">
        <Show
          when={props.cover}
          fallback={
            <div class="viewer-audio__art" aria-hidden="true">
              <IconMusic class="icon viewer-audio__icon" />
            </div>
          }
        >
          {(cover) => <img class="viewer-audio__art" src={cover()} alt="" />}
        </Show>
        <p class="viewer-audio__name">{props.asset.title ?? props.asset.name}</p>
        <Show when={props.asset.durationMs}>
          {(ms) => <p class="viewer-audio__meta">{formatDuration(ms())}</p>}
        </Show>
        <Show when={props.src}>
          {(src) => (
            <audio
              class="viewer-audio__player"
              data-testid="viewer-audio"
              src={src()}
              aria-label={props.asset.name}
              controls
              autoplay
              preload="metadata"
              onError={() => props.onError()}
            />
          )}
        </Show>
      </div>
    </div>
  )
}

/** Nothing to draw yet, or ever: say why, in words the user can act on. */
export function NoPreview(props: { asset: Asset; offline: boolean }) {
  return (
    <div class="viewer-media">
      <div class="viewer-empty" data-testid="viewer-no-preview">
        <IconFile class="icon viewer-empty__icon" />
        <p class="viewer-empty__title">{props.asset.name}</p>
        <p class="viewer-empty__text">
          <Switch
            fallback={`Marquee shows no preview for ${props.asset.mime ?? 'this kind of file'}.`}
          >
            <Match when={props.asset.status === 'failed'}>
              {props.asset.error ?? 'Marquee could not read this file.'}
            </Match>
            <Match when={props.asset.status === 'missing'}>
              This file is no longer in its folder. Its record stays until you remove it.
            </Match>
            <Match when={props.offline}>
              Its folder is offline and no preview was made before it went away.
            </Match>
            <Match when={props.asset.status !== 'ready'}>
              Marquee is still making a preview of this file.
            </Match>
          </Switch>
        </p>
      </div>
    </div>
  )
}
