import { createEffect, on, Show } from 'solid-js'
import type { Root, RootKind } from '../../../shared/domain'
import { IconPlus } from './icons'

export interface AddFolderFormProps {
  path: string
  label: string
  /** null: detected by the core. */
  kind: RootKind | null
  pending: boolean
  error: string | null
  added: Root | null
  /** The desktop app has a native folder picker. */
  canPick: boolean
  focusRequest: number
  onPath: (value: string) => void
  onLabel: (value: string) => void
  onKind: (value: RootKind | null) => void
  onSubmit: () => void
  onPick: () => void
  onEscape?: () => void
}

let formCount = 0

/** Registers a folder: by the native picker in the desktop app, by its path everywhere. */
export function AddFolderForm(props: AddFolderFormProps) {
  const id = `add-folder-${++formCount}`
  let pathInput: HTMLInputElement | undefined
  createEffect(
    on(
      () => props.focusRequest,
      () => pathInput?.focus(),
      { defer: true },
    ),
  )

  return (
    <form
      class="add-folder"
      data-testid="add-folder-form"
      aria-busy={props.pending}
      onSubmit={(e) => {
        e.preventDefault()
        props.onSubmit()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && props.onEscape) {
          e.preventDefault()
          props.onEscape()
        }
      }}
    >
      <Show when={props.canPick}>
        <div class="add-folder__pick">
          <button
            type="button"
            class="button button--primary"
            disabled={props.pending}
            onClick={() => props.onPick()}
          >
            Choose folder…
          </button>
          <span class="add-folder__or">or enter its path</span>
        </div>
      </Show>
      <div class="add-folder__fields">
        <div class="field field--grow">
          <label class="field__label" for={`${id}-path`}>
            Folder path
          </label>
          <input
            ref={pathInput}
            id={`${id}-path`}
            class="input input--mono"
            type="text"
            aria-label="Folder path"
            placeholder="/mnt/nas/signage"
            autocomplete="off"
            spellcheck={false}
            value={props.path}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? `${id}-error` : undefined}
            onInput={(e) => props.onPath(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label class="field__label" for={`${id}-label`}>
            Label <span class="field__optional">(optional)</span>
          </label>
          <input
            id={`${id}-label`}
            class="input"
            type="text"
            placeholder="Folder name"
            autocomplete="off"
            maxLength={200}
            value={props.label}
            onInput={(e) => props.onLabel(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label class="field__label" for={`${id}-kind`}>
            Kind
          </label>
          <select
            id={`${id}-kind`}
            class="input select"
            value={props.kind ?? ''}
            onChange={(e) => props.onKind((e.currentTarget.value || null) as RootKind | null)}
          >
            <option value="">Detect</option>
            <option value="local">Local disk</option>
            <option value="network">Network share</option>
          </select>
        </div>
        <button
          type="submit"
          class="button"
          classList={{ 'button--primary': !props.canPick }}
          disabled={props.pending}
        >
          <IconPlus />
          {props.pending ? 'Adding…' : 'Add folder'}
        </button>
      </div>
      <Show when={props.error}>
        {(message) => (
          <p class="form-error" id={`${id}-error`} role="alert">
            {message()}
          </p>
        )}
      </Show>
      <p class="add-folder__hint" role="status">
        <Show
          when={props.added}
          fallback="Marquee reads the folder where it is. Nothing in it is moved, renamed or changed."
        >
          {(root) => (
            <span class="add-folder__added">
              Added “{root().label}” ({root().path}).
            </span>
          )}
        </Show>
      </p>
    </form>
  )
}
