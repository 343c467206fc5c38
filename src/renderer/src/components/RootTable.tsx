import { For } from 'solid-js'
import type { Root } from '../../../shared/domain'
import { RootRow } from './RootRow'

export interface RootTableProps {
  roots: readonly Root[]
  hrefOf: (root: Root) => string
  onRename: (root: Root, label: string) => void
  onRemove: (root: Root) => void
}

export function RootTable(props: RootTableProps) {
  return (
    <div class="table-frame">
      <table class="table" aria-label="Library folders">
        <thead>
          <tr>
            <th scope="col" class="cell-status">
              Status
            </th>
            <th scope="col">Label</th>
            <th scope="col">Path</th>
            <th scope="col" class="cell-kind">
              Kind
            </th>
            <th scope="col" class="cell-date">
              Added
            </th>
            <th scope="col" class="cell-actions">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.roots}>
            {(root) => (
              <RootRow
                root={root}
                href={props.hrefOf(root)}
                onRename={(label) => props.onRename(root, label)}
                onRemove={() => props.onRemove(root)}
              />
            )}
          </For>
        </tbody>
      </table>
    </div>
  )
}
