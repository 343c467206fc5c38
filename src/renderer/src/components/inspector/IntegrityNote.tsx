import { Match, Switch } from 'solid-js'
import type { Asset } from '../../../../shared/domain'
import { formatDateTime } from '../../lib/format'

/** What the bitrot check found: said plainly when the bytes changed; quiet when all is well. */
export function IntegrityNote(props: { asset: Pick<Asset, 'integrity' | 'verifiedAt'> }) {
  return (
    <Switch fallback={<span class="asset-facts__muted">Not checked yet</span>}>
      <Match when={props.asset.integrity === 'changed'}>
        <span class="integrity integrity--changed" role="alert">
          Bytes changed on disk while the size and date did not — possible disk damage. Restore the
          file from a backup; exports refuse it until its bytes match again.
        </span>
      </Match>
      <Match when={props.asset.verifiedAt}>
        {(at) => <span class="integrity">Bytes as indexed · checked {formatDateTime(at())}</span>}
      </Match>
    </Switch>
  )
}
