import { Match, Show, Switch } from 'solid-js'
import type { Asset } from '../../../shared/domain'
import { formatCount, plural } from '../lib/format'
import { FileTable } from './FileTable'
import { IndexStats, type IndexCounts } from './IndexStats'

export interface IndexOverviewProps {
  /** null while the first count is on its way. */
  counts: IndexCounts | null
  /** Every row of the folder, missing ones included. */
  total: number
  /** The first files, in the order they were indexed. */
  files: readonly Asset[]
  error: string | null
  scanned: boolean
}

/** What the index holds for a folder: honest numbers and a plain list (the gallery browses them). */
export function IndexOverview(props: IndexOverviewProps) {
  const lead = (counts: IndexCounts): string => {
    if (counts.present > 0) {
      const waiting = counts.waiting > 0 ? ` (${formatCount(counts.waiting)} waiting)` : ''
      return `${plural(counts.present, 'file')} indexed; thumbnails and previews are made in the background${waiting}. “Show in gallery” browses them.`
    }
    if (!props.scanned) return 'Not scanned yet: the numbers appear once the first scan is done.'
    return props.total > 0
      ? 'No file of this folder is present now; the index keeps the missing ones.'
      : 'The last scan found no media files in this folder.'
  }

  return (
    <>
      <section class="index-overview" aria-labelledby="index-title">
        <h2 class="section-title" id="index-title">
          In the index
        </h2>
        <Switch>
          <Match when={props.counts}>
            {(counts) => (
              <>
                <p class="index-overview__lead" data-testid="index-lead">
                  {lead(counts())}
                </p>
                <IndexStats counts={counts()} />
              </>
            )}
          </Match>
          <Match when={props.error}>
            {(message) => <p class="form-error">The index could not be read. {message()}</p>}
          </Match>
          <Match when={!props.counts}>
            <p class="loading">Counting the files…</p>
          </Match>
        </Switch>
        <Show when={props.counts && props.error}>
          {(message) => <p class="form-error">The numbers may be out of date. {message()}</p>}
        </Show>
      </section>
      <Show when={props.files.length > 0}>
        <section class="index-overview" aria-labelledby="files-title">
          <div class="section-head">
            <h2 class="section-title" id="files-title">
              Files
            </h2>
            <p class="section-head__note">
              <Show
                when={props.total > props.files.length}
                fallback={`All ${formatCount(props.total)}, in the order they were indexed.`}
              >
                The first {formatCount(props.files.length)} of {formatCount(props.total)}, in the
                order they were indexed.
              </Show>
            </p>
          </div>
          <FileTable files={props.files} caption="Files in this folder" />
        </section>
      </Show>
    </>
  )
}
