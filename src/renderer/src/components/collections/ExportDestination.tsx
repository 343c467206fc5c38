import { createResource, For, Show } from 'solid-js'
import type { RemovableDrive } from '../../../../shared/exports'
import { call, pickFolder } from '../../lib/api'
import { formatBytes } from '../../lib/format'

/**
 * Where the bundle goes: a path field (serve mode, or typed), the system's folder picker in the
 * desktop app, and the removable drives the OS reports — choosing one puts the bundle in a
 * folder named after the playlist on it.
 */
export function ExportDestination(props: {
  value: string
  name: string
  onChange: (path: string) => void
}) {
  const [drives, { refetch }] = createResource(() =>
    call('drives.list').catch(() => [] as RemovableDrive[]),
  )
  const onDrive = (drive: RemovableDrive): string => {
    const separator = drive.path.includes('\\') ? '\\' : '/'
    const base = drive.path.endsWith(separator) ? drive.path : `${drive.path}${separator}`
    return `${base}${props.name.replace(/[\\/:*?"<>|]/g, '_')}`
  }
  const choose = async (): Promise<void> => {
    const folder = await pickFolder?.('export')
    if (folder) props.onChange(folder)
  }

  return (
    <div class="export-destination">
      <label class="field">
        <span class="field__label">Destination folder</span>
        <span class="export-destination__row">
          <input
            class="input input--mono"
            placeholder="/media/usb/lobby"
            value={props.value}
            onInput={(e) => props.onChange(e.currentTarget.value)}
            required
          />
          <Show when={pickFolder}>
            <button type="button" class="button" onClick={() => void choose()}>
              Choose…
            </button>
          </Show>
        </span>
      </label>
      <div class="export-drives" role="group" aria-label="Removable drives">
        <Show
          when={(drives() ?? []).length > 0}
          fallback={
            <span class="export-note">
              {drives.loading ? 'Looking for removable drives…' : 'No removable drive found.'}
            </span>
          }
        >
          <For each={drives()}>
            {(drive) => (
              <button
                type="button"
                class="button button--small export-drive"
                title={drive.path}
                onClick={() => props.onChange(onDrive(drive))}
              >
                {drive.label} · {drive.fsType}
                <Show when={drive.free !== null}> · {formatBytes(drive.free!)} free</Show>
              </button>
            )}
          </For>
        </Show>
        <button
          type="button"
          class="button button--small button--ghost"
          onClick={() => void refetch()}
        >
          Look again
        </button>
      </div>
    </div>
  )
}
