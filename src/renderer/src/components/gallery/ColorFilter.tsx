import { Show } from 'solid-js'

/** Assets with a palette colour near the chosen one; a native colour picker and a clear button. */
export function ColorFilter(props: {
  value: string | null
  onChange: (hex: string | null) => void
}) {
  return (
    <span class="color-filter">
      <label class="color-filter__field" title="Colour: pictures holding a colour near this one">
        <span class="color-filter__label">Colour</span>
        <input
          type="color"
          class="color-filter__input"
          aria-label="Colour"
          data-empty={props.value === null}
          value={props.value ?? '#808080'}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        />
      </label>
      <Show when={props.value}>
        <button
          type="button"
          class="icon-button color-filter__clear"
          aria-label="Any colour"
          title="Any colour"
          onClick={() => props.onChange(null)}
        >
          ×
        </button>
      </Show>
    </span>
  )
}
