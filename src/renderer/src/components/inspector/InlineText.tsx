import { createEffect, createSignal, Show } from 'solid-js'

export interface InlineTextProps {
  value: string | null
  label: string
  placeholder: string
  multiline?: boolean
  class?: string
  testId?: string
  /** Called with the trimmed text (null when emptied), only when it changed. */
  onSave: (value: string | null) => void
}

/**
 * Text that reads as text and edits in place: Enter (or leaving the field) saves, Esc puts the
 * old text back. A description takes several lines; Shift+Enter there starts a new one.
 */
export function InlineText(props: InlineTextProps) {
  const [draft, setDraft] = createSignal('')
  let area: HTMLTextAreaElement | undefined
  const fit = (el: HTMLTextAreaElement): void => {
    el.style.height = 'auto'
    el.style.height = `${el.scrollHeight}px`
  }
  // A new asset, or the saved value coming back from the core, replaces the draft.
  createEffect(() => setDraft(props.value ?? ''))
  createEffect(() => {
    draft()
    if (area) fit(area)
  })

  const save = (): void => {
    const next = draft().trim() === '' ? null : draft().trim()
    if (next !== (props.value ?? null)) props.onSave(next)
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    const field = event.currentTarget as HTMLInputElement | HTMLTextAreaElement
    if (event.key === 'Enter' && !(props.multiline && event.shiftKey)) {
      event.preventDefault()
      // Leaving the field saves (on blur); focus stays in the panel, so the viewer's keys and
      // its focus trap keep working.
      const panel = field.closest<HTMLElement>('[role="tabpanel"], [role="dialog"]')
      if (panel) panel.focus()
      else field.blur()
    } else if (event.key === 'Escape') {
      setDraft(props.value ?? '')
      field.value = props.value ?? ''
    }
  }

  return (
    <Show
      when={props.multiline}
      fallback={
        <input
          class={`inline-text ${props.class ?? ''}`}
          aria-label={props.label}
          placeholder={props.placeholder}
          data-testid={props.testId}
          value={draft()}
          onInput={(e) => setDraft(e.currentTarget.value)}
          on:keydown={onKeyDown}
          onBlur={save}
        />
      }
    >
      <textarea
        class={`inline-text inline-text--multiline ${props.class ?? ''}`}
        aria-label={props.label}
        placeholder={props.placeholder}
        data-testid={props.testId}
        rows={1}
        value={draft()}
        ref={area}
        onInput={(e) => setDraft(e.currentTarget.value)}
        on:keydown={onKeyDown}
        onBlur={save}
      />
    </Show>
  )
}
