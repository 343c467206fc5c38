import { Show } from 'solid-js'
import type { ExportProgress } from '../../../../shared/contract'
import { exportAmounts, exportPercent, PHASE_TEXT } from '../../lib/export-text'

/** A running export: phase, the file at hand, bytes, rate and time left, and the bar. */
export function ExportProgressPanel(props: { progress: ExportProgress | null }) {
  return (
    <div class="export-progress">
      <p data-testid="export-phase">
        {PHASE_TEXT[props.progress?.phase ?? 'preparing']}
        <Show when={props.progress?.current}>
          {(name) => (
            <>
              {' '}
              <bdi class="export-progress__file" data-testid="export-current">
                {name()}
              </bdi>
            </>
          )}
        </Show>
      </p>
      <Show when={props.progress}>
        {(p) => (
          <p class="export-note" data-testid="export-amounts">
            {exportAmounts(p())}
          </p>
        )}
      </Show>
      <progress class="export-bar" max="100" value={exportPercent(props.progress)} />
    </div>
  )
}
