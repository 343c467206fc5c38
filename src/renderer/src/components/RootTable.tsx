import { For } from 'solid-js'
import type { Root, RootStatus } from '../../../shared/domain'
import { RootRow } from './RootRow'
import type { ScanActivity } from './ScanFeedback'

export interface RootTableProps {
  roots: readonly Root[]
  hrefOf: (root: Root) => string
  statusOf: (root: Root) => RootStatus
  activityOf: (root: Root) => ScanActivity
  announcementOf: (root: Root) => string
  needsConfirm: (root: Root) => boolean
  onRename: (root: Root, label: string) => void
  onRemove: (root: Root) => void
  onRescan: (root: Root) => void
  onDismissOutcome: (root: Root) => void
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
                status={props.statusOf(root)}
                activity={props.activityOf(root)}
                announcement={props.announcementOf(root)}
                needsConfirm={props.needsConfirm(root)}
                onRename={(label) => props.onRename(root, label)}
                onRemove={() => props.onRemove(root)}
                onRescan={() => props.onRescan(root)}
                onDismissOutcome={() => props.onDismissOutcome(root)}
              />
            )}
          </For>
        </tbody>
      </table>
    </div>
  )
}
