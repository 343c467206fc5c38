import { For, Show } from 'solid-js'
import type { FolderNode } from '../../../../shared/domain'
import { formatCount } from '../../lib/format'
import { hrefOf } from '../../stores/router.store'

/** Children listed under one folder; a folder with more says how many it leaves out. */
const MAX_CHILDREN = 300

export interface FolderTreeProps {
  rootId: number
  node: FolderNode
  depth: number
  isOpen: (rootId: number, folder: string) => boolean
  isCurrent: (rootId: number, folder: string) => boolean
  onToggle: (rootId: number, folder: string) => void
}

/** The subfolders of one folder, each a link that filters the gallery, opened on demand. */
export function FolderTree(props: FolderTreeProps) {
  const children = () => props.node.children.slice(0, MAX_CHILDREN)
  const hidden = () => props.node.children.length - children().length
  return (
    <ul class="folder-tree" role="list">
      <For each={children()}>
        {(child) => (
          <li class="folder-tree__item">
            <Show when={child.children.length}>
              <ExpandButton
                open={props.isOpen(props.rootId, child.path)}
                label={child.name}
                depth={props.depth}
                onToggle={() => props.onToggle(props.rootId, child.path)}
              />
            </Show>
            <a
              class="nav-item nav-item--folder"
              style={{ 'padding-left': `${20 + props.depth * 14}px` }}
              href={hrefOf({ name: 'library', rootId: props.rootId, folder: child.path })}
              aria-current={props.isCurrent(props.rootId, child.path) ? 'page' : undefined}
              data-testid="folder-item"
              data-folder={child.path}
              title={child.path}
            >
              <span class="nav-item__label">{child.name}</span>
              <span class="nav-item__count" aria-label={`${formatCount(child.total)} items`}>
                {formatCount(child.total)}
              </span>
            </a>
            <Show when={child.children.length && props.isOpen(props.rootId, child.path)}>
              <FolderTree {...props} node={child} depth={props.depth + 1} />
            </Show>
          </li>
        )}
      </For>
      <Show when={hidden() > 0}>
        <li class="folder-tree__more" style={{ 'padding-left': `${20 + props.depth * 14}px` }}>
          {formatCount(hidden())} more folders
        </li>
      </Show>
    </ul>
  )
}

export function ExpandButton(props: {
  open: boolean
  label: string
  depth: number
  onToggle: () => void
}) {
  return (
    <button
      type="button"
      class="tree-toggle"
      style={{ left: `${2 + props.depth * 14}px` }}
      aria-expanded={props.open}
      aria-label={`${props.open ? 'Hide' : 'Show'} the folders in ${props.label}`}
      onClick={() => props.onToggle()}
    >
      <svg class="tree-toggle__icon" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
        <path d="M3 2l4 3-4 3" fill="none" stroke="currentColor" stroke-width="1.4" />
      </svg>
    </button>
  )
}
