import { For, Show } from 'solid-js'
import type { Collection } from '../../../../shared/domain'
import { collageOf } from '../../lib/album-tree'
import { variantUrl } from '../../lib/media'

/** The cover and the next first items as a 2×2 of small thumbnails (one picture fills it). */
export function Collage(props: { collection: Pick<Collection, 'coverSha256' | 'preview'> }) {
  const pictures = () => collageOf(props.collection)
  return (
    <span
      class="collage"
      classList={{ 'collage--single': pictures().length === 1 }}
      data-testid="collage"
      data-count={pictures().length}
      aria-hidden="true"
    >
      <Show when={pictures().length > 0}>
        <For each={pictures()}>
          {(sha) => (
            <img
              class="collage__img"
              src={variantUrl(sha, 'small')}
              alt=""
              loading="lazy"
              draggable={false}
              onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
            />
          )}
        </For>
      </Show>
    </span>
  )
}
