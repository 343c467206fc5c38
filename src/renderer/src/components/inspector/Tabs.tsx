import { For, type JSX } from 'solid-js'

export interface TabItem {
  key: string
  label: string
  /** A count shown after the label (duplicates, similar). */
  count?: number
}

export interface TabsProps {
  /** Prefix of the tab and panel ids (unique per inspector). */
  idPrefix: string
  label: string
  tabs: TabItem[]
  selected: string
  onSelect: (key: string) => void
  children: JSX.Element
}

export const tabId = (prefix: string, key: string): string => `${prefix}-tab-${key}`
export const panelId = (prefix: string, key: string): string => `${prefix}-panel-${key}`

/**
 * An ARIA tablist with automatic activation: ←/→ (and Home/End) move between tabs and show
 * them; only the selected tab is in the Tab order. The one panel shows `children`.
 */
export function Tabs(props: TabsProps) {
  let list: HTMLDivElement | undefined

  const onKeyDown = (event: KeyboardEvent): void => {
    const keys = props.tabs.map((t) => t.key)
    const at = keys.indexOf(props.selected)
    const target =
      event.key === 'ArrowRight'
        ? keys[(at + 1) % keys.length]
        : event.key === 'ArrowLeft'
          ? keys[(at - 1 + keys.length) % keys.length]
          : event.key === 'Home'
            ? keys[0]
            : event.key === 'End'
              ? keys.at(-1)
              : undefined
    if (target === undefined) return
    event.preventDefault()
    props.onSelect(target)
    list?.querySelector<HTMLElement>(`#${CSS.escape(tabId(props.idPrefix, target))}`)?.focus()
  }

  return (
    <div class="tabs">
      <div
        ref={list}
        class="tabs__list"
        role="tablist"
        aria-label={props.label}
        on:keydown={onKeyDown}
      >
        <For each={props.tabs}>
          {(tab) => (
            <button
              type="button"
              role="tab"
              class="tabs__tab"
              id={tabId(props.idPrefix, tab.key)}
              aria-selected={tab.key === props.selected}
              aria-controls={panelId(props.idPrefix, tab.key)}
              tabIndex={tab.key === props.selected ? 0 : -1}
              data-tab={tab.key}
              aria-label={tab.count === undefined ? undefined : `${tab.label} (${tab.count})`}
              onClick={() => props.onSelect(tab.key)}
            >
              {tab.label}
              {tab.count !== undefined && (
                <span class="tabs__count" aria-hidden="true">
                  {tab.count}
                </span>
              )}
            </button>
          )}
        </For>
      </div>
      <div
        class="tabs__panel"
        role="tabpanel"
        id={panelId(props.idPrefix, props.selected)}
        aria-labelledby={tabId(props.idPrefix, props.selected)}
        tabIndex={0}
      >
        {props.children}
      </div>
    </div>
  )
}
