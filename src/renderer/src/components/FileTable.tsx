import { For } from 'solid-js'
import type { Asset, AssetStatus, AssetType } from '../../../shared/domain'
import { formatBytes } from '../lib/format'

const TYPE_TEXT: Record<AssetType, string> = {
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  other: 'Other',
}

const STATUS_TEXT: Record<AssetStatus, string> = {
  discovered: 'Waiting',
  queued: 'Queued',
  processing: 'Processing',
  ready: 'Processed',
  failed: 'Failed',
  missing: 'Missing',
}

/** A plain list of indexed files: no thumbnails until processing makes them. */
export function FileTable(props: { files: readonly Asset[]; caption: string }) {
  return (
    <div class="table-frame">
      <table class="table file-table" data-testid="file-table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" class="cell-type">
              Type
            </th>
            <th scope="col" class="cell-size">
              Size
            </th>
            <th scope="col" class="cell-file-status">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.files}>
            {(file) => (
              <tr data-status={file.status}>
                <td class="cell-name" title={file.relPath}>
                  <span class="cell-name__dir">{dirOf(file.relPath)}</span>
                  {file.name}
                </td>
                <td class="cell-type">{TYPE_TEXT[file.type]}</td>
                <td class="cell-size">{formatBytes(file.size)}</td>
                <td class="cell-file-status">
                  <span class="file-status" data-status={file.status}>
                    {STATUS_TEXT[file.status]}
                  </span>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  )
}

function dirOf(relPath: string): string {
  const slash = relPath.lastIndexOf('/')
  return slash < 0 ? '' : relPath.slice(0, slash + 1)
}
