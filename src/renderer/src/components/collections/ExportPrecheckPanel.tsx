import { For, Show } from 'solid-js'
import type { ExportPrecheck } from '../../../../shared/exports'
import { formatBytes, plural } from '../../lib/format'

/**
 * The pre-check, before anything is written: how much of the bundle the destination already
 * holds, the bytes still to copy against the free space, and FAT32's 4 GB per-file limit.
 */
export function ExportPrecheckPanel(props: {
  check: ExportPrecheck | null
  checking: boolean
  error: string | null
}) {
  return (
    <div class="export-precheck" data-testid="export-precheck" aria-live="polite">
      <Show when={props.error}>
        {(message) => (
          <p class="export-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={props.checking && !props.check}>
        <p class="export-note">Checking the destination…</p>
      </Show>
      <Show when={props.check}>
        {(c) => (
          <>
            <p data-testid="export-precheck-objects">
              {c().present > 0 || c().bundleThere
                ? `${c().present} of ${plural(c().objects, 'object')} already there`
                : `${plural(c().objects, 'object')}, none there yet`}
              {c().bundleThere ? ' — the bundle there will be updated.' : '.'}
            </p>
            <p data-testid="export-precheck-space">
              {c().estimated ? 'About ' : ''}
              {formatBytes(c().bytesNeeded)} to write, {formatBytes(c().free)} free
              <Show when={c().fsType}>{(fs) => <> on {fs()}</>}</Show>.
              <Show when={c().fat}> FAT32: no single file may reach 4 GB.</Show>
            </p>
            <Show when={c().problems.length > 0}>
              <ul class="export-precheck__problems" role="alert">
                <For each={c().problems}>{(problem) => <li>{problem}</li>}</For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </div>
  )
}
