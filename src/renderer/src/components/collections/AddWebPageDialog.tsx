import { createSignal, Show } from 'solid-js'
import type { VirtualItemInput } from '../../../../shared/contract'
import { Dialog } from '../gallery/Dialog'
import { parseSeconds } from './CollectionItems'
import { webAddressProblem } from './web-address'

/** "Add web page…": an address and how long it shows. */
export function AddWebPageDialog(props: {
  onAdd: (items: VirtualItemInput[]) => Promise<string | null>
  onClose: () => void
}) {
  const [url, setUrl] = createSignal('')
  const [seconds, setSeconds] = createSignal('15')
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    const problem = webAddressProblem(url())
    const durationMs = parseSeconds(seconds())
    if (problem) return void setError(problem)
    if (durationMs === undefined) return void setError('The duration is at least 0.1 seconds.')
    setBusy(true)
    const failed = await props.onAdd([
      { kind: 'url', url: url().trim(), ...(durationMs === null ? {} : { durationMs }) },
    ])
    setBusy(false)
    if (failed) setError(failed)
    else props.onClose()
  }

  return (
    <Dialog title="Add a web page" testId="add-web-page" onClose={props.onClose}>
      <form class="virtual-form" onSubmit={(e) => void submit(e)} novalidate>
        <p class="virtual-form__note">
          Players that show web pages open it full screen; the preview shows it in a sandboxed
          frame. The page needs the network when it plays.
        </p>
        <label class="field">
          <span class="field__label">Address</span>
          <input
            class="input input--mono"
            type="url"
            placeholder="https://example.com/menu"
            value={url()}
            onInput={(e) => {
              setUrl(e.currentTarget.value)
              setError(null)
            }}
            aria-invalid={error() !== null}
            autofocus
          />
        </label>
        <label class="field">
          <span class="field__label">Duration (seconds)</span>
          <input
            class="input input--inline"
            inputMode="decimal"
            value={seconds()}
            onInput={(e) => setSeconds(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          {(message) => (
            <p class="virtual-form__error" role="alert">
              {message()}
            </p>
          )}
        </Show>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={busy()}>
            Add web page
          </button>
        </div>
      </form>
    </Dialog>
  )
}
