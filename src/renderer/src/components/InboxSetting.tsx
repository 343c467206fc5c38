import { createSignal, createUniqueId, Show } from 'solid-js'
import type { Root } from '../../../shared/domain'
import { call, messageOf } from '../lib/api'
import { inboxProblem, normalInbox } from '../lib/inbox-path'
import '../styles/inbox-setting.css'

/**
 * Where files dropped on this library folder land: its inbox, relative to it. Shown with the full
 * path it makes, changeable in place; the folder is created by the first import into it.
 */
export function InboxSetting(props: { root: Root }) {
  const [draft, setDraft] = createSignal<string | null>(null)
  const [saving, setSaving] = createSignal(false)
  const [failure, setFailure] = createSignal<string | null>(null)
  let input: HTMLInputElement | undefined
  const problem = (): string | null => {
    const value = draft()
    return value === null ? null : inboxProblem(value)
  }
  const id = `inbox-${createUniqueId()}`
  const shown = (): string => {
    const value = draft()
    return value === null || problem() ? props.root.inbox : normalInbox(value)
  }
  const edit = (): void => {
    setFailure(null)
    setDraft(props.root.inbox)
    queueMicrotask(() => input?.select())
  }
  const save = async (): Promise<void> => {
    const value = draft()
    if (value === null || problem() || saving()) return
    if (normalInbox(value) === props.root.inbox) return void setDraft(null)
    setSaving(true)
    setFailure(null)
    try {
      // The roots store follows roots.changed, so the page shows the new inbox from there.
      await call('roots.update', { id: props.root.id, inbox: normalInbox(value) })
      setDraft(null)
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <section class="inbox-setting" aria-labelledby={`${id}-title`} data-testid="inbox-setting">
      <h2 class="inbox-setting__title" id={`${id}-title`}>
        Imports
      </h2>
      <p class="inbox-setting__text">
        Files dropped on this folder land in{' '}
        <span class="mono" data-testid="inbox-path">
          {props.root.path}/{shown()}/
        </span>
        <span class="inbox-setting__dated">YYYY-MM-DD/</span>, unless they are dropped on one of its
        folders. The inbox is created by the first import.
      </p>
      <Show
        when={draft() !== null}
        fallback={
          <button type="button" class="button button--small" onClick={edit}>
            Change inbox…
          </button>
        }
      >
        <form
          class="inbox-setting__form"
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setDraft(null)
          }}
        >
          <div class="field field--grow">
            <label class="field__label" for={id}>
              Inbox folder, inside {props.root.label}
            </label>
            <input
              ref={input}
              id={id}
              class="input input--mono"
              type="text"
              autocomplete="off"
              spellcheck={false}
              maxLength={1000}
              value={draft() ?? ''}
              aria-invalid={problem() || failure() ? true : undefined}
              aria-describedby={problem() || failure() ? `${id}-error` : undefined}
              onInput={(e) => {
                setFailure(null)
                setDraft(e.currentTarget.value)
              }}
            />
          </div>
          <button
            type="submit"
            class="button button--primary button--small"
            disabled={problem() !== null || saving()}
          >
            {saving() ? 'Saving…' : 'Save'}
          </button>
          <button type="button" class="button button--small" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
        <Show when={problem() ?? failure()}>
          {(message) => (
            <p class="form-error" id={`${id}-error`} role="alert">
              {message()}
            </p>
          )}
        </Show>
      </Show>
    </section>
  )
}
