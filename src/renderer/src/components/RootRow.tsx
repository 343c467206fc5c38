import { createSignal, Match, Show, Switch } from 'solid-js'
import type { Root, RootStatus as Status } from '../../../shared/domain'
import { KindBadge } from './KindBadge'
import { RescanButton } from './RescanButton'
import { RootRowDetail } from './RootRowDetail'
import { RootStatus } from './RootStatus'
import { Announcer, hasFeedback, type ScanActivity } from './ScanFeedback'
import { ImpactNotice } from './ImpactNotice'

export interface RootRowProps {
  root: Root
  href: string
  /** The status to show (a quick re-check of an offline folder still shows "Offline"). */
  status: Status
  activity: ScanActivity
  announcement: string
  /** Offline because it is empty or holds other files: the folder's page has the way out. */
  needsConfirm: boolean
  onRename: (label: string) => void
  onRemove: () => void
  onRescan: () => void
  onDismissOutcome: () => void
}

type Mode = 'view' | 'editing' | 'confirming'

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

/** One library folder, with in-place rename and a confirm step before removal. */
export function RootRow(props: RootRowProps) {
  const [mode, setMode] = createSignal<Mode>('view')
  const [draft, setDraft] = createSignal('')
  let renameButton: HTMLButtonElement | undefined
  let removeButton: HTMLButtonElement | undefined

  /** Back to the plain row, with focus on the button that left it (re-created by then). */
  const back = (focus: 'rename' | 'remove'): void => {
    setMode('view')
    queueMicrotask(() => (focus === 'rename' ? renameButton : removeButton)?.focus())
  }
  const startEditing = (): void => {
    setDraft(props.root.label)
    setMode('editing')
  }
  const save = (): void => {
    const label = draft().trim()
    if (label !== '' && label !== props.root.label) props.onRename(label)
    back('rename')
  }
  const escape = (e: KeyboardEvent, focus: 'rename' | 'remove'): void => {
    if (e.key !== 'Escape') return
    e.preventDefault()
    e.stopPropagation()
    back(focus)
  }

  const reason = () => (props.status === 'offline' ? props.root.statusReason : null)
  const detailed = () => reason() !== null || hasFeedback(props.activity)

  return (
    <Switch
      fallback={
        <>
          <tr
            class="root-row"
            classList={{ 'root-row--detailed': detailed() }}
            data-root-id={props.root.id}
            data-status={props.root.status}
          >
            <td class="cell-status">
              <RootStatus root={{ status: props.status, statusReason: props.root.statusReason }} />
              <Announcer text={props.announcement} />
            </td>
            <td class="cell-label">
              <Switch fallback={<a href={props.href}>{props.root.label}</a>}>
                <Match when={mode() === 'editing'}>
                  <input
                    ref={(el) => queueMicrotask(() => el.select())}
                    class="input input--inline"
                    type="text"
                    aria-label={`Label for ${props.root.path}`}
                    maxLength={200}
                    value={draft()}
                    onInput={(e) => setDraft(e.currentTarget.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault()
                        save()
                      } else escape(e, 'rename')
                    }}
                  />
                </Match>
              </Switch>
            </td>
            <td class="cell-path" title={props.root.path}>
              {props.root.path}
            </td>
            <td class="cell-kind">
              <KindBadge kind={props.root.kind} />
            </td>
            <td class="cell-date">{dateFormat.format(props.root.createdAt)}</td>
            <td class="cell-actions">
              <Switch>
                <Match when={mode() === 'editing'}>
                  <button type="button" class="button button--small button--primary" onClick={save}>
                    Save
                  </button>
                  <button type="button" class="button button--small" onClick={() => back('rename')}>
                    Cancel
                  </button>
                </Match>
                <Match when={mode() === 'view'}>
                  <Show when={props.status !== 'offline'}>
                    <RescanButton
                      label={props.root.label}
                      running={props.activity.running}
                      offline={false}
                      small
                      quiet
                      iconOnly
                      onRescan={() => props.onRescan()}
                    />
                  </Show>
                  <button
                    ref={renameButton}
                    type="button"
                    class="button button--small button--quiet"
                    aria-label={`Rename ${props.root.label}`}
                    onClick={startEditing}
                  >
                    Rename
                  </button>
                  <button
                    ref={removeButton}
                    type="button"
                    class="button button--small button--quiet"
                    aria-label={`Remove ${props.root.label}`}
                    onClick={() => setMode('confirming')}
                  >
                    Remove
                  </button>
                </Match>
              </Switch>
            </td>
          </tr>
          <Show when={detailed()}>
            <RootRowDetail
              root={props.root}
              href={props.href}
              reason={reason()}
              activity={props.activity}
              needsConfirm={props.needsConfirm}
              onRescan={() => props.onRescan()}
              onDismissOutcome={() => props.onDismissOutcome()}
            />
          </Show>
        </>
      }
    >
      <Match when={mode() === 'confirming'}>
        <tr class="root-row root-row--confirm" data-root-id={props.root.id}>
          <td colSpan={6}>
            <div
              class="confirm"
              role="group"
              aria-label="Confirm removal"
              onKeyDown={(e) => escape(e, 'remove')}
            >
              <span class="confirm__text">
                Remove <strong>{props.root.label}</strong> from the library? Files on disk are not
                touched.
              </span>
              <ImpactNotice node={`root:${props.root.id}`} what="This folder" />
              <button
                type="button"
                class="button button--small button--danger"
                onClick={() => props.onRemove()}
              >
                Remove
              </button>
              <button
                ref={(el) => queueMicrotask(() => el.focus())}
                type="button"
                class="button button--small"
                onClick={() => back('remove')}
              >
                Cancel
              </button>
            </div>
          </td>
        </tr>
      </Match>
    </Switch>
  )
}
