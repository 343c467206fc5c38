import { For, Match, Switch } from 'solid-js'
import type { BundleVerification } from '../../../../shared/domain'
import { formatBytes, plural } from '../../lib/format'

export type Check = 'running' | BundleVerification | { failed: string } | undefined

/** What "verify this bundle" found: a line when all is well, else each problem with its file. */
export function BundleCheck(props: { check: Check }) {
  const report = () => {
    const c = props.check
    return c && c !== 'running' && 'ok' in c ? c : null
  }
  const failed = () => {
    const c = props.check
    return c && c !== 'running' && 'failed' in c ? c.failed : null
  }
  return (
    <div class="bundle-check" data-testid="bundle-check">
      <Switch>
        <Match when={props.check === 'running'}>Verifying every object…</Match>
        <Match when={failed()}>{(message) => <p class="export-error">{message()}</p>}</Match>
        <Match when={report()}>
          {(r) => (
            <>
              <p classList={{ 'export-error': !r().ok }}>
                {r().ok
                  ? `Verified: ${plural(r().objects, 'object')}, ${formatBytes(r().bytes)}, every byte as the manifest says.`
                  : `This bundle does not verify: ${plural(r().problems.filter((p) => p.severity === 'error').length, 'problem')}.`}
              </p>
              <ul class="bundle-check__problems">
                <For each={r().problems}>
                  {(p) => (
                    <li data-severity={p.severity}>
                      <code>{p.file}</code> {p.problem}
                    </li>
                  )}
                </For>
              </ul>
            </>
          )}
        </Match>
      </Switch>
    </div>
  )
}
