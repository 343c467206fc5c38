import { createSignal, For, Show } from 'solid-js'
import type { ProfileInfo } from '../../../../shared/profiles'

const IMAGE_NAMES = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP' } as const

const mbits = (bps: number): string => `${Number((bps / 1e6).toFixed(1))} Mbit/s`

/** Every profile and what a player set to it accepts. */
export function ProfileTable(props: {
  profiles: readonly ProfileInfo[]
  onRemove: (name: string) => void
}) {
  // Deleting a profile a playlist uses asks once more, saying what falls back.
  const [confirming, setConfirming] = createSignal<string | null>(null)
  return (
    <ul class="profile-cards" data-testid="profile-table">
      <For each={props.profiles}>
        {(p) => (
          <li class="profile-card" data-testid="profile-row" data-profile={p.id}>
            <div class="profile-card__head">
              <div>
                <span class="profile-card__id">{p.id}</span>
                <span class="profile-card__kind">{p.builtIn ? 'built in' : 'custom'}</span>
                <div class="profile-card__label">{p.label}</div>
              </div>
              <Show when={!p.builtIn}>
                <Show
                  when={confirming() === p.id}
                  fallback={
                    <button
                      type="button"
                      class="button button--small"
                      aria-label={`Delete ${p.id}`}
                      onClick={() =>
                        p.usedBy.length > 0 ? setConfirming(p.id) : props.onRemove(p.id)
                      }
                    >
                      Delete
                    </button>
                  }
                >
                  <div class="profile-card__confirm" role="group" aria-label="Confirm deletion">
                    <span>{p.usedBy.join(', ')} will go back to fhd-h264.</span>
                    <button
                      type="button"
                      class="button button--small"
                      onClick={() => setConfirming(null)}
                    >
                      Keep
                    </button>
                    <button
                      type="button"
                      class="button button--small button--danger"
                      onClick={() => {
                        setConfirming(null)
                        props.onRemove(p.id)
                      }}
                    >
                      Delete anyway
                    </button>
                  </div>
                </Show>
              </Show>
            </div>
            <dl class="profile-card__facts">
              <div>
                <dt>Containers</dt>
                <dd>{p.containers.join(', ')}</dd>
              </div>
              <div>
                <dt>Video</dt>
                <dd>
                  {p.videoCodecs.join(', ')} {p.h264Profiles.join(' / ')}, level {p.level}
                  {p.levelAbove30fps !== p.level ? ` (${p.levelAbove30fps} above 30 fps)` : ''}
                </dd>
              </div>
              <div>
                <dt>Largest picture</dt>
                <dd>
                  {p.maxWidth}×{p.maxHeight}, ≤ {p.maxFrameRate} fps
                </dd>
              </div>
              <div>
                <dt>Bit rate</dt>
                <dd>≤ {mbits(p.maxBitRate)}</dd>
              </div>
              <div>
                <dt>Audio</dt>
                <dd>{p.audio}</dd>
              </div>
              <div>
                <dt>Images</dt>
                <dd>{IMAGE_NAMES[p.imageFormat]}</dd>
              </div>
              <div>
                <dt>Used by</dt>
                <dd>{p.usedBy.length > 0 ? p.usedBy.join(', ') : '—'}</dd>
              </div>
            </dl>
          </li>
        )}
      </For>
    </ul>
  )
}
