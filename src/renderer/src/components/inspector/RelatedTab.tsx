import { createResource, createSignal, For, Show } from 'solid-js'
import type { Asset } from '../../../../shared/domain'
import { formatBytes } from '../../lib/format'
import { bestVariant, variantUrl } from '../../lib/media'
import type { AssetDetails } from '../../stores/viewer.store'
import { IconCompare, IconFile } from '../viewer/viewer-icons'
import { Compare } from './Compare'

export interface RelatedTabProps {
  kind: 'duplicates' | 'similar'
  asset: Asset
  details: AssetDetails
  isOffline: (rootId: number) => boolean
}

/** More than this many look-alikes is a pattern, not a list to read: the rest are counted. */
const SHOWN = 48

const thumbOf = (asset: Asset): string | null => {
  const variant = bestVariant(
    asset.derivatives.map((d) => d.variant),
    'small',
  )
  return asset.sha256 && variant ? variantUrl(asset.sha256, variant) : null
}

/** Duplicates or similar assets as thumbnails; choosing one opens the side-by-side compare. */
export function RelatedTab(props: RelatedTabProps) {
  const ids = (): number[] =>
    props.kind === 'duplicates' ? props.asset.duplicates : props.asset.similar
  const [others] = createResource(
    () => ids().slice(0, SHOWN),
    // A fetcher runs again when its source changes: that is all the tracking it needs.
    // eslint-disable-next-line solid/reactivity
    async (shown) => {
      const loaded = await Promise.all(shown.map((id) => props.details.load(id)))
      return loaded.filter((a): a is Asset => a !== null)
    },
  )
  const [comparing, setComparing] = createSignal<Asset | null>(null)

  return (
    <div class="related" data-testid={`inspector-${props.kind}`}>
      <Show
        when={ids().length > 0}
        fallback={
          <p class="related__empty">
            {props.kind === 'duplicates'
              ? 'No other file in the library has the same content.'
              : 'No other image in the library looks like this one.'}
          </p>
        }
      >
        <p class="related__intro">
          {props.kind === 'duplicates'
            ? 'Files with exactly the same content (same SHA-256). Choose one to compare.'
            : 'Images that look alike (perceptual hash). Choose one to compare.'}
        </p>
        <ul class="related__list">
          <For each={others() ?? []}>
            {(other) => (
              <li>
                <button
                  type="button"
                  class="related-item"
                  data-testid="related-item"
                  data-asset-id={other.id}
                  onClick={() => setComparing(other)}
                >
                  <Show
                    when={thumbOf(other)}
                    fallback={
                      <span class="related-item__thumb related-item__thumb--none">
                        <IconFile />
                      </span>
                    }
                  >
                    {(src) => <img class="related-item__thumb" src={src()} alt="" loading="lazy" />}
                  </Show>
                  <span class="related-item__text">
                    <span class="related-item__name">{other.name}</span>
                    <span class="related-item__meta">
                      {other.relPath.split('/').slice(0, -1).join('/') || 'Top folder'}
                    </span>
                    <span class="related-item__meta">
                      {other.width && other.height ? `${other.width} × ${other.height} · ` : ''}
                      {formatBytes(other.size)}
                    </span>
                  </span>
                  <IconCompare class="icon related-item__compare" />
                </button>
              </li>
            )}
          </For>
        </ul>
        <Show when={ids().length > SHOWN}>
          <p class="related__more">and {ids().length - SHOWN} more</p>
        </Show>
      </Show>
      <Show when={comparing()}>
        {(other) => (
          <Compare
            left={props.asset}
            right={other()}
            isOffline={props.isOffline}
            onClose={() => setComparing(null)}
          />
        )}
      </Show>
    </div>
  )
}
