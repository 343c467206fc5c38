import { createSignal, onCleanup, Show } from 'solid-js'
import type { DisplayImage } from '../../../../shared/integrations'

export interface NowPlayingData {
  track_name?: unknown
  artist_name?: unknown
  album_name?: unknown
  duration_ms?: unknown
  progress_ms?: unknown
  is_playing?: unknown
}

export interface NowPlayingCardProps {
  data: NowPlayingData
  /** When the data was fetched: the bar advances from there while the track plays. */
  fetchedAt: number | null
  image: DisplayImage | null
  /** Where a local image is served (the media route). */
  imageUrl: (path: string) => string
  stale: boolean
}

const clock = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000))
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}

/**
 * The "now playing" widget as a player shows it: album art, track, artist, album, and a progress
 * bar that moves between polls. Remote art is not loaded (the page loads nothing from the
 * network); until it is cached a placeholder stands in.
 */
export function NowPlayingCard(props: NowPlayingCardProps) {
  const [now, setNow] = createSignal(Date.now())
  const timer = setInterval(() => setNow(Date.now()), 1000)
  onCleanup(() => clearInterval(timer))

  const duration = (): number => Number(props.data.duration_ms) || 0
  const playing = (): boolean => props.data.is_playing === true && !props.stale
  const progress = (): number => {
    const base = Number(props.data.progress_ms) || 0
    const moved = playing() && props.fetchedAt ? now() - props.fetchedAt : 0
    return Math.min(duration(), base + Math.max(0, moved))
  }
  const percent = (): number => (duration() > 0 ? (progress() / duration()) * 100 : 0)
  const localArt = (): string | null =>
    props.image?.kind === 'local' ? props.imageUrl(props.image.path) : null

  return (
    <div class="now-playing" data-testid="now-playing" data-playing={playing()}>
      <Show
        when={localArt()}
        fallback={
          <div class="now-playing__art now-playing__art--placeholder" aria-hidden="true">
            ♪
          </div>
        }
      >
        {(src) => <img class="now-playing__art" src={src()} alt="Album art" />}
      </Show>
      <div class="now-playing__text">
        <div class="now-playing__track" data-testid="now-playing-track">
          {String(props.data.track_name ?? '')}
        </div>
        <div class="now-playing__artist">{String(props.data.artist_name ?? '')}</div>
        <div class="now-playing__album">{String(props.data.album_name ?? '')}</div>
        <Show when={duration() > 0}>
          <div
            class="now-playing__bar"
            role="progressbar"
            aria-label="Track progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(percent())}
          >
            <div class="now-playing__fill" style={{ width: `${percent()}%` }} />
          </div>
          <div class="now-playing__times">
            <span>{clock(progress())}</span>
            <span>{clock(duration())}</span>
          </div>
        </Show>
      </div>
    </div>
  )
}
