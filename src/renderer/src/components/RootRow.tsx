import { createSignal, Match, Switch } from 'solid-js'
import type { Root } from '../../../shared/domain'
import { KindBadge } from './KindBadge'
import { RootStatus } from './RootStatus'

export interface RootRowProps {
  root: Root
  href: string
  onRename: (label: string) => void
  onRemove: () => void
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

  return (
    <Switch
      fallback={
        <tr class="root-row" data-root-id={props.root.id} data-status={props.root.status}>
          <td class="cell-status">
            <RootStatus root={props.root} />
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
