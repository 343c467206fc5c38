import { children, Show, type JSX } from 'solid-js'

export interface PageHeaderProps {
  title: JSX.Element
  description?: JSX.Element
  /** Small element before the title (an icon). */
  leading?: JSX.Element
  actions?: JSX.Element
  titleRef?: (el: HTMLHeadingElement) => void
}

export function PageHeader(props: PageHeaderProps) {
  // Resolved once: reading a JSX prop twice would create its elements twice.
  const description = children(() => props.description)
  const actions = children(() => props.actions)

  return (
    <header class="page-header">
      <div class="page-header__text">
        <h1 class="page-header__title" id="page-title" tabIndex={-1} ref={props.titleRef}>
          {props.leading}
          <span>{props.title}</span>
        </h1>
        <Show when={description()}>
          <p class="page-header__description">{description()}</p>
        </Show>
      </div>
      <Show when={actions()}>
        <div class="page-header__actions">{actions()}</div>
      </Show>
    </header>
  )
}
