import { createSignal, Show } from 'solid-js'

/** The root's optional ClamAV stage: a switch, and what went wrong if it could not be saved. */
export function VirusScanToggle(props: {
  enabled: boolean
  onChange: (enabled: boolean) => Promise<void>
}) {
  const [error, setError] = createSignal<string | null>(null)
  const [saving, setSaving] = createSignal(false)
  const change = (enabled: boolean): void => {
    setSaving(true)
    props
      .onChange(enabled)
      .then(
        () => setError(null),
        (e: Error) => setError(e.message),
      )
      .finally(() => setSaving(false))
  }
  return (
    <>
      <label class="virus-scan">
        <input
          type="checkbox"
          checked={props.enabled}
          disabled={saving()}
          onChange={(e) => change(e.currentTarget.checked)}
        />
        Scan files with ClamAV before processing
      </label>
      <p class="virus-scan__note">
        Turning it on scans the files already here too, then every new and changed one; an infected
        file fails and is never exported. Needs ClamAV installed.
      </p>
      <Show when={error()}>
        {(message) => (
          <p class="general__error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </>
  )
}
