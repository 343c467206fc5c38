import { createSignal, Show } from 'solid-js'
import { plural } from '../lib/format'

export interface ConfirmEmptyProps {
  /** Files the index holds from the folder (not yet missing); null while unknown. */
  count: number | null
  running: boolean
  onConfirm: () => void
}

/**
 * The way out when a folder turned up empty (or holding other files): mark what the index holds
 * from it missing. Destructive to the index only, so it asks once more, inline.
 */
export function ConfirmEmpty(props: ConfirmEmptyProps) {
  const [confirming, setConfirming] = createSignal(false)
  let start: HTMLButtonElement | undefined

  const what = () => (props.count === null ? 'Its files' : plural(props.count, 'file'))
  const cancel = (): void => {
    setConfirming(false)
    queueMicrotask(() => start?.focus())
  }

  return (
    <div class="confirm-empty" classList={{ 'confirm-empty--confirming': confirming() }}>
      <Show
        when={confirming()}
        fallback={
          <>
            <p class="confirm-empty__text">
              If the files were really deleted, or the folder now holds other files, tell Marquee
              so. Until then nothing is marked missing.
            </p>
            <button
              ref={start}
              type="button"
              class="button button--small button--danger-outline"
              disabled={props.running}
              onClick={() => setConfirming(true)}
            >
              Mark its files missing…
            </button>
          </>
        }
      >
        <div
          class="confirm"
          role="group"
          aria-label="Confirm marking files missing"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return
            e.preventDefault()
            cancel()
          }}
        >
          <p class="confirm__text confirm-empty__question">
            <strong>{what()} will be marked missing.</strong> They stay in the library with their
            tags; nothing on disk is touched.
          </p>
          <button
            type="button"
            class="button button--small button--danger"
            onClick={() => {
              setConfirming(false)
              props.onConfirm()
            }}
          >
            Mark {props.count === null ? 'them' : plural(props.count, 'file')} missing
          </button>
          <button
            ref={(el) => queueMicrotask(() => el.focus())}
            type="button"
            class="button button--small"
            onClick={cancel}
          >
            Cancel
          </button>
        </div>
      </Show>
    </div>
  )
}
