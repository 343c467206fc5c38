import { createResource, createSignal, For, Show } from 'solid-js'
import type { VirtualItemInput } from '../../../../shared/contract'
import { call, messageOf } from '../../lib/api'
import { Dialog } from '../gallery/Dialog'
import { parseSeconds } from './CollectionItems'

/** "Add integration…": one of the configured integrations, and how long it shows. */
export function AddIntegrationDialog(props: {
  onAdd: (items: VirtualItemInput[]) => Promise<string | null>
  onClose: () => void
}) {
  const [integrations] = createResource(() => call('integrations.list'))
  const [chosen, setChosen] = createSignal<number | null>(null)
  const [seconds, setSeconds] = createSignal('15')
  const [error, setError] = createSignal<string | null>(null)

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    const id = chosen() ?? integrations()?.[0]?.id
    const durationMs = parseSeconds(seconds())
    if (id === undefined) return void setError('Choose an integration.')
    if (durationMs === undefined) return void setError('The duration is at least 0.1 seconds.')
    const failed = await props.onAdd([
      { kind: 'integration', integrationId: id, ...(durationMs === null ? {} : { durationMs }) },
    ])
    if (failed) setError(failed)
    else props.onClose()
  }

  return (
    <Dialog title="Add an integration" testId="add-integration" onClose={props.onClose}>
      <form class="virtual-form" onSubmit={(e) => void submit(e)}>
        <Show
          when={(integrations()?.length ?? 0) > 0}
          fallback={
            <p class="virtual-form__note">
              {integrations.error
                ? messageOf(integrations.error)
                : integrations.loading
                  ? 'Loading integrations…'
                  : 'No integrations yet. Add one under Integrations in the sidebar first.'}
            </p>
          }
        >
          <p class="virtual-form__note">
            It shows its latest data: live in the preview, as a snapshot in an export.
          </p>
          <label class="field">
            <span class="field__label">Integration</span>
            <select
              class="input"
              value={String(chosen() ?? integrations()![0]!.id)}
              onChange={(e) => setChosen(Number(e.currentTarget.value))}
            >
              <For each={integrations()}>
                {(i) => (
                  <option value={String(i.id)}>
                    {i.name} ({i.kind === 'spotify' ? 'Spotify now playing' : 'JSON feed'},{' '}
                    {i.status})
                  </option>
                )}
              </For>
            </select>
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
        </Show>
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
          <button
            type="submit"
            class="button button--primary"
            disabled={(integrations()?.length ?? 0) === 0}
          >
            Add integration
          </button>
        </div>
      </form>
    </Dialog>
  )
}
