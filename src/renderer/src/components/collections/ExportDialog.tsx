import { createSignal, For, Match, Show, Switch } from 'solid-js'
import type { ExportRequest } from '../../../../shared/contract'
import type { CollectionKind } from '../../../../shared/domain'
import { formatBytes, formatDuration, plural } from '../../lib/format'
import type { ExportStore } from '../../stores/export.store'
import { Dialog } from '../gallery/Dialog'

/** The player profiles (docs/bundle-format.md, "Player profiles"). */
const PROFILES = [
  { id: 'fhd-h264', label: 'Full HD · H.264 High 4.1 · WebP images' },
  { id: 'fhd-h264-jpeg', label: 'Full HD · H.264 High 4.1 · JPEG images' },
  { id: 'uhd-h264', label: '4K · H.264 High 5.1 · WebP images' },
] as const

const PHASE = {
  preparing: 'Preparing media for the player',
  copying: 'Copying',
  verifying: 'Verifying what was written',
  writing: 'Writing the manifest',
  done: 'Done',
  failed: 'Failed',
} as const

/** Export a playlist or album: profile and destination, then progress, then the result. */
export function ExportDialog(props: {
  kind: CollectionKind
  name: string
  store: ExportStore
  /** The collection's own profile, preselected; `profiles` adds the custom ones. */
  profile?: string
  profiles?: readonly { id: string; label: string }[]
  onClose: () => void
}) {
  // eslint-disable-next-line solid/reactivity -- the starting choice; the select changes it
  const [profile, setProfile] = createSignal<string>(props.profile ?? PROFILES[0].id)
  const [out, setOut] = createSignal('')
  const [verify, setVerify] = createSignal(true)
  const p = () => props.store.progress()

  const start = (e: Event): void => {
    e.preventDefault()
    const source: ExportRequest['source'] =
      props.kind === 'playlist' ? { playlist: props.name } : { album: props.name }
    void props.store.start({ source, profile: profile(), out: out().trim(), verify: verify() })
  }
  const percent = () => {
    const current = p()
    if (!current) return 0
    if (current.totalBytes > 0) return Math.round((current.bytes / current.totalBytes) * 100)
    return current.totalFiles > 0 ? Math.round((current.files / current.totalFiles) * 100) : 0
  }

  return (
    <Dialog title={`Export “${props.name}”`} testId="export-dialog" onClose={props.onClose}>
      <Switch>
        <Match when={p()?.result}>
          {(result) => (
            <div data-testid="export-result">
              <p>
                The bundle is in <code>{result().dir}</code>. Open <code>player/index.html</code>{' '}
                there in a browser to play it.
              </p>
              <ul class="export-facts">
                <li>{plural(result().objects, 'object')}</li>
                <li>{result().copied} copied</li>
                <li>{result().skipped} already there</li>
                <li>{result().transcoded} converted for the player</li>
                <li>{formatBytes(result().bytes)}</li>
                <li>{formatDuration(result().durationMs)}</li>
                <li>{result().verified ? 'verified' : 'not verified'}</li>
              </ul>
              <div class="dialog__actions">
                <button
                  type="button"
                  class="button button--primary"
                  onClick={() => props.onClose()}
                >
                  Close
                </button>
              </div>
            </div>
          )}
        </Match>
        <Match when={props.store.running()}>
          <div data-testid="export-progress">
            <p>
              {PHASE[p()?.phase ?? 'preparing']}
              <Show when={p()}>
                {(cur) => (
                  <>
                    {' '}
                    · {cur().files} of {plural(cur().totalFiles, 'file')}
                    <Show when={cur().totalBytes > 0}>
                      {' '}
                      · {formatBytes(cur().bytes)} of {formatBytes(cur().totalBytes)}
                    </Show>
                    <Show when={cur().etaMs}>
                      {(eta) => <> · about {formatDuration(eta())} left</>}
                    </Show>
                  </>
                )}
              </Show>
            </p>
            <progress class="export-bar" max="100" value={percent()} />
            <p class="export-note">
              The export goes on if you close this; its bundle appears under Exports.
            </p>
            <div class="dialog__actions">
              <button type="button" class="button" onClick={() => void props.store.cancel()}>
                Cancel export
              </button>
              <button type="button" class="button" onClick={() => props.onClose()}>
                Close
              </button>
            </div>
          </div>
        </Match>
        <Match when={true}>
          <form class="export-form" onSubmit={start}>
            <Show when={props.store.error()}>
              {(message) => (
                <p class="export-error" role="alert">
                  {message()}
                </p>
              )}
            </Show>
            <label class="field">
              <span class="field__label">Player profile</span>
              <select
                class="input"
                value={profile()}
                onChange={(e) => setProfile(e.currentTarget.value)}
              >
                <For each={props.profiles?.length ? props.profiles : PROFILES}>
                  {(option) => (
                    <option value={option.id} selected={option.id === profile()}>
                      {option.label}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <label class="field">
              <span class="field__label">Destination folder</span>
              <input
                class="input input--mono"
                placeholder="/media/usb/lobby"
                value={out()}
                onInput={(e) => setOut(e.currentTarget.value)}
                required
              />
            </label>
            <label class="export-check">
              <input
                type="checkbox"
                checked={verify()}
                onChange={(e) => setVerify(e.currentTarget.checked)}
              />
              Verify every object after writing it
            </label>
            <div class="dialog__actions">
              <button type="button" class="button" onClick={() => props.onClose()}>
                Cancel
              </button>
              <button type="submit" class="button button--primary" disabled={!out().trim()}>
                Export
              </button>
            </div>
          </form>
        </Match>
      </Switch>
    </Dialog>
  )
}
