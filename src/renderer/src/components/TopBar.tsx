import { For, Show } from 'solid-js'
import { IconClose, IconSearch } from './icons'

export interface Crumb {
  label: string
  href?: string
}

export interface TopBarProps {
  /** Where the user is, outermost first; the last one is the current view. */
  crumbs: readonly Crumb[]
  query: string
  onQuery: (value: string) => void
  onSubmit: () => void
  onClear: () => void
  searchRef: (el: HTMLInputElement) => void
  shortcutHint: string
}

export function TopBar(props: TopBarProps) {
  return (
    <header class="top-bar">
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <For each={props.crumbs}>
          {(crumb, index) => (
            <>
              <Show when={index() > 0}>
                <span class="breadcrumbs__sep" aria-hidden="true">
                  /
                </span>
              </Show>
              <Show
                when={crumb.href && index() < props.crumbs.length - 1}
                fallback={
                  <span class="breadcrumbs__current" aria-current="location">
                    {crumb.label}
                  </span>
                }
              >
                <a class="breadcrumbs__link" href={crumb.href}>
                  {crumb.label}
                </a>
              </Show>
            </>
          )}
        </For>
      </nav>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          props.onSubmit()
        }}
      >
        <IconSearch class="icon search__icon" />
        <input
          ref={props.searchRef}
          class="search__input"
          data-testid="search"
          type="search"
          aria-label="Search library"
          placeholder="Search library"
          autocomplete="off"
          spellcheck={false}
          value={props.query}
          onInput={(e) => props.onQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && props.query !== '') {
              e.preventDefault()
              props.onClear()
            }
          }}
        />
        <Show
          when={props.query !== ''}
          fallback={
            <kbd class="search__hint" title="Press / to search">
              {props.shortcutHint}
            </kbd>
          }
        >
          <button
            type="button"
            class="icon-button search__clear"
            aria-label="Clear search"
            onClick={() => props.onClear()}
          >
            <IconClose />
          </button>
        </Show>
      </form>
      <div class="top-bar__end" />
    </header>
  )
}
