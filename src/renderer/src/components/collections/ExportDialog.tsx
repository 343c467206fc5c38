import { createSignal, For, Match, Show, Switch } from 'solid-js'
import type { ExportRequest } from '../../../../shared/contract'
import type { CollectionKind } from '../../../../shared/domain'
import { formatBytes, formatDuration, plural } from '../../lib/format'
import { createExportPrecheck } from '../../stores/export-precheck.store'
import type { ExportStore } from '../../stores/export.store'
import { Dialog } from '../gallery/Dialog'
import { ExportDestination } from './ExportDestination'
import { ExportPrecheckPanel } from './ExportPrecheckPanel'
import { ExportProgressPanel } from './ExportProgressPanel'
import '../../styles/exports.css'

/** The player profiles (docs/bundle-format.md, "Player profiles"). */
const PROFILES = [
  { id: 'fhd-h264', label: 'Full HD · H.264 High 4.1 · WebP images' },
  { id: 'fhd-h264-jpeg', label: 'Full HD · H.264 High 4.1 · JPEG images' },
  { id: 'uhd-h264', label: '4K · H.264 High 5.1 · WebP images' },
] as const

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
  const source = (): ExportRequest['source'] =>
    props.kind === 'playlist' ? { playlist: props.name } : { album: props.name }
  const precheck = createExportPrecheck(() =>
    out().trim() && !props.store.running()
      ? { source: source(), profile: profile(), out: out().trim() }
      : null,
  )
  const blocked = () => (precheck.check()?.problems.length ?? 0) > 0

  const start = (e: Event): void => {
    e.preventDefault()
    void props.store.start({
      source: source(),
      profile: profile(),
      out: out().trim(),
      verify: verify(),
    })
  }
  const close = (): void => {
    // A finished export is forgotten on close, so the dialog opens on the form next time.
    props.store.dismiss()
    props.onClose()
  }

  return (
    <Dialog title={`Export “${props.name}”`} testId="export-dialog" onClose={close}>
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
                <li>took {formatDuration(result().durationMs)}</li>
                <li>{result().verified ? 'verified' : 'not verified'}</li>
              </ul>
              <div class="dialog__actions">
                <button type="button" class="button button--primary" onClick={close}>
                  Close
                </button>
              </div>
            </div>
          )}
        </Match>
        <Match when={props.store.running()}>
          <div data-testid="export-progress">
            <ExportProgressPanel progress={p()} />
            <p class="export-note">
              The export goes on if you close this; its bundle appears under Exports.
            </p>
            <div class="dialog__actions">
              <button type="button" class="button" onClick={() => void props.store.cancel()}>
                Cancel export
              </button>
              <button type="button" class="button" onClick={close}>
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
            <ExportDestination value={out()} name={props.name} onChange={setOut} />
            <Show when={out().trim()}>
              <ExportPrecheckPanel
                check={precheck.check()}
                checking={precheck.checking()}
                error={precheck.error()}
              />
            </Show>
            <label class="export-check">
              <input
                type="checkbox"
                checked={verify()}
                onChange={(e) => setVerify(e.currentTarget.checked)}
              />
              Verify every object after writing it
            </label>
            <div class="dialog__actions">
              <button type="button" class="button" onClick={close}>
                Cancel
              </button>
              <button
                type="submit"
                class="button button--primary"
                disabled={!out().trim() || blocked()}
              >
                Export
              </button>
            </div>
          </form>
        </Match>
      </Switch>
    </Dialog>
  )
}
