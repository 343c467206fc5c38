import { Show } from 'solid-js'
import type { CollectionItem } from '../../../../shared/domain'

/**
 * "Use as cover" for the one checked item; with the chosen cover checked, "Default cover" goes
 * back to the first item.
 */
export function CoverButton(props: {
  items: readonly CollectionItem[]
  checked: readonly number[]
  coverAssetId: number | null
  onCover: (assetId: number | null) => void
}) {
  const one = () =>
    props.checked.length === 1 ? props.items.find((i) => i.id === props.checked[0]) : undefined
  const isCover = () => one() !== undefined && one()!.assetId === props.coverAssetId
  return (
    <Show
      when={isCover()}
      fallback={
        <button
          type="button"
          class="button button--small"
          disabled={!one()?.sha256}
          title="Check one item to show it on this collection's collage"
          onClick={() => props.onCover(one()!.assetId)}
        >
          Use as cover
        </button>
      }
    >
      <button type="button" class="button button--small" onClick={() => props.onCover(null)}>
        Default cover
      </button>
    </Show>
  )
}
