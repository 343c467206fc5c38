import { For, Index, Show } from 'solid-js'
import { formatBytes, formatDuration, plural } from '../../lib/format'
import type { Drop, SettledFile } from '../../stores/import.store'
import type { DropCheck } from '../../stores/drop-checks'
import { CheckingCard } from './CheckingCard'

export interface DropPanelProps {
  drops: Drop[]
  onDuplicate: 'skip' | 'keep'
  onDuplicateChange(choice: 'skip' | 'keep'): void
  /** Why the last drop was refused before it started, or null. */
  refusal: string | null
  onDismissRefusal(): void
  onCancel(importId: string, fileId?: number): void
  onDismiss(importId: string): void
  /** Shows what a drop imported in the gallery; absent where there is no gallery to show. */
  onShowInGallery?: (importId: string) => void
  /** Shows these assets in the gallery (a duplicate's existing copy). */
  onShowAssets?: (assetIds: number[]) => void
  /** Browser drops being hashed before anything is uploaded. */
  checks?: readonly DropCheck[]
  onCancelCheck?: (id: number) => void
}

const RUNNING_TEXT = { checking: 'Checking', copying: 'Importing' } as const

/** Every drop: per file and overall progress while it runs, then what happened to each file. */
export function DropPanel(props: DropPanelProps) {
  return (
    <Show when={props.drops.length > 0 || props.refusal || (props.checks ?? []).length > 0}>
      <section class="drop-panel" data-testid="import-panel" aria-label="Imports">
        <header class="drop-panel__header">
          <h2 class="drop-panel__title">Imports</h2>
          <label class="drop-panel__choice">
            Already in the library:
            <select
              class="input select drop-panel__select"
              value={props.onDuplicate}
              onChange={(e) => props.onDuplicateChange(e.currentTarget.value as 'skip' | 'keep')}
            >
              <option value="skip">skip it</option>
              <option value="keep">import it anyway</option>
            </select>
          </label>
        </header>
        <Show when={props.refusal}>
          <p class="drop-panel__refusal" role="alert" data-testid="import-refusal">
            {props.refusal}
            <button
              type="button"
              class="button button--quiet button--small"
              onClick={() => props.onDismissRefusal()}
            >
              Dismiss
            </button>
          </p>
        </Show>
        {/* By position: a check's progress replaces it often, its card stays (and its button). */}
        <Index each={props.checks ?? []}>
          {(check) => <CheckingCard check={check()} onCancel={(id) => props.onCancelCheck?.(id)} />}
        </Index>
        <For each={props.drops}>{(drop) => <DropCard drop={drop} {...props} />}</For>
      </section>
    </Show>
  )
}

function DropCard(props: DropPanelProps & { drop: Drop }) {
  const drop = () => props.drop
  const running = () => drop().phase === 'checking' || drop().phase === 'copying'
  const share = () => (drop().totalBytes > 0 ? Math.min(1, drop().bytes / drop().totalBytes) : 0)
  return (
    <article class="drop-card" data-testid="import-drop" data-phase={drop().phase}>
      <div class="drop-card__head">
        <div class="drop-card__what">
          <Show when={running()} fallback={<strong>{endTitle(drop())}</strong>}>
            <strong>
              {RUNNING_TEXT[drop().phase as 'checking' | 'copying']}{' '}
              {plural(drop().totalFiles || drop().current.length, 'file')}
            </strong>
          </Show>
          <span class="drop-card__target" title={drop().target}>
            into {drop().target || '…'}
          </span>
        </div>
        <Show
          when={running()}
          fallback={
            <div class="drop-card__actions">
              <Show when={props.onShowInGallery && drop().importedCount > 0}>
                <button
                  type="button"
                  class="button button--small"
                  onClick={() => props.onShowInGallery?.(drop().importId)}
                >
                  Show in gallery
                </button>
              </Show>
              <button
                type="button"
                class="button button--quiet button--small"
                onClick={() => props.onDismiss(drop().importId)}
              >
                Dismiss
              </button>
            </div>
          }
        >
          <button
            type="button"
            class="button button--small"
            onClick={() => props.onCancel(drop().importId)}
          >
            Cancel
          </button>
        </Show>
      </div>
      <Show when={running()}>
        <progress class="drop-card__bar" max="1" value={share()} aria-label="Import progress" />
        <Show when={drop().orphanUploads > 0}>
          <p class="drop-card__orphans" role="status" data-testid="import-orphans">
            Waiting for {plural(drop().orphanUploads, 'file')} from the page that started this drop,
            which was reloaded or closed. Cancel it and drop the files here again to import them;
            left alone, they are given up 15 minutes after their last byte arrived.
          </p>
        </Show>
        <p class="drop-card__numbers" data-testid="import-numbers">
          {drop().phase === 'checking'
            ? 'Looking for files already in the library…'
            : `${drop().files} of ${drop().totalFiles} files · ${formatBytes(drop().bytes)} of ${formatBytes(drop().totalBytes)}` +
              // Nothing arrives for uploads no page sends: no rate, no time left.
              (drop().rate > 0 && !drop().orphanUploads ? ` · ${formatBytes(drop().rate)}/s` : '') +
              (drop().etaMs !== null && !drop().orphanUploads
                ? ` · ${formatDuration(drop().etaMs!)} left`
                : '')}
        </p>
        <ul class="drop-card__files">
          <For each={drop().current}>
            {(file) => (
              <li class="drop-file" data-testid="import-file">
                <span class="drop-file__name" title={file.name}>
                  {file.name}
                </span>
                <progress
                  class="drop-file__bar"
                  max={Math.max(1, file.size)}
                  value={file.bytes}
                  aria-label={`${file.name} progress`}
                />
                <span class="drop-file__size">{formatBytes(file.size)}</span>
                <button
                  type="button"
                  class="icon-button drop-file__cancel"
                  aria-label={`Cancel ${file.name}`}
                  onClick={() => props.onCancel(drop().importId, file.fileId)}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={drop().error}>
        <p class="drop-card__error" role="alert">
          {drop().error}
        </p>
      </Show>
      <Summary drop={drop()} onShow={props.onShowAssets} />
    </article>
  )
}

function endTitle(drop: Drop): string {
  if (drop.phase === 'failed') return 'Nothing was imported'
  if (drop.phase === 'cancelled')
    return `Cancelled — ${plural(drop.importedCount, 'file')} imported`
  if (drop.importedCount > 0) return `Imported ${plural(drop.importedCount, 'file')}`
  if (drop.failedCount === 0 && drop.duplicateCount > 0)
    return 'Nothing new: all already in the library'
  return 'Nothing was imported'
}

/** What happened to each file: counts, and the duplicates and failures by name. */
function Summary(props: { drop: Drop; onShow?: (assetIds: number[]) => void }) {
  const d = () => props.drop
  return (
    <Show when={d().importedCount + d().duplicateCount + d().failedCount > 0}>
      <div class="drop-summary" data-testid="import-summary">
        <p class="drop-summary__counts">
          <span data-testid="import-count-imported">
            {plural(d().importedCount, 'imported', 'imported')}
          </span>
          <span data-testid="import-count-duplicates">
            {plural(d().duplicateCount, 'duplicate')} skipped
          </span>
          <span
            data-testid="import-count-failed"
            data-some={d().failedCount > 0 ? 'true' : undefined}
          >
            {plural(d().failedCount, 'failed', 'failed')}
          </span>
        </p>
        <Outcomes
          title="Already in the library"
          files={d().duplicates}
          total={d().duplicateCount}
          kind="duplicate"
          onShow={props.onShow}
        />
        <Outcomes
          title="Could not be imported"
          files={d().failed}
          total={d().failedCount}
          kind="failed"
        />
      </div>
    </Show>
  )
}

function Outcomes(props: {
  title: string
  files: SettledFile[]
  total: number
  kind: string
  /** Duplicates: shows the asset that already holds the content. */
  onShow?: (assetIds: number[]) => void
}) {
  return (
    <Show when={props.files.length > 0}>
      <details class="drop-outcomes" open={props.kind === 'failed'} data-kind={props.kind}>
        <summary>{props.title}</summary>
        <ul>
          <For each={props.files}>
            {(file) => (
              <li class="drop-outcome" data-testid={`import-${props.kind}`}>
                <span class="drop-outcome__name">{file.name}</span>
                <span class="drop-outcome__detail">
                  {file.detail}
                  <Show when={props.onShow && file.assetId !== null}>
                    {' '}
                    <button
                      type="button"
                      class="button button--quiet button--small"
                      onClick={() => props.onShow?.([file.assetId!])}
                    >
                      Show
                    </button>
                  </Show>
                </span>
              </li>
            )}
          </For>
          <Show when={props.total > props.files.length}>
            <li class="drop-outcome drop-outcome--more">
              and {props.total - props.files.length} more
            </li>
          </Show>
        </ul>
      </details>
    </Show>
  )
}
