import { For, Show } from 'solid-js'
import type { PaletteColor } from '../../../../shared/domain'

/** The picture's palette: a swatch per colour, as wide as its share, with its hex below. */
export function PaletteSwatches(props: { palette: PaletteColor[] }) {
  return (
    <Show
      when={props.palette.length > 0}
      fallback={<span class="asset-facts__muted">Not analysed yet</span>}
    >
      <div class="palette" data-testid="inspector-palette">
        <div class="palette__bar" aria-hidden="true">
          <For each={props.palette}>
            {(colour) => (
              <span
                class="palette__band"
                style={{
                  background: colour.hex,
                  'flex-grow': String(Math.max(colour.share, 0.04)),
                }}
              />
            )}
          </For>
        </div>
        <ul class="palette__list">
          <For each={props.palette}>
            {(colour, i) => (
              <li
                class="palette__item"
                title={`${Math.round(colour.share * 100)} % of the picture`}
              >
                <span class="palette__swatch" style={{ background: colour.hex }} />
                <span class="mono">{colour.hex}</span>
                <Show when={i() === 0}>
                  <span class="asset-facts__muted"> dominant</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  )
}
