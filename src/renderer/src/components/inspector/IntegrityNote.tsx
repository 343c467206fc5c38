import { Match, Show, Switch, createSignal } from 'solid-js'
import type { Asset } from '../../../../shared/domain'
import { call } from '../../lib/api'
import { formatDateTime } from '../../lib/format'

/**
 * What the bitrot check found: said plainly when the bytes changed, with the one answer Marquee
 * can act on (the new bytes are right: process the file again); quiet when all is well.
 */
export function IntegrityNote(props: { asset: Pick<Asset, 'id' | 'integrity' | 'verifiedAt'> }) {
  const [asking, setAsking] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const accept = async (): Promise<void> => {
    setError(null)
    try {
      await call('assets.acceptBytes', { ids: [props.asset.id] })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setAsking(false)
    }
  }
  return (
    <Switch fallback={<span class="asset-facts__muted">Not checked yet</span>}>
      <Match when={props.asset.integrity === 'changed'}>
        <div class="integrity integrity--changed" role="alert">
          Bytes changed on disk while the size and date did not — possible disk damage. Restore the
          file from a backup; exports refuse it until its bytes match again.
          <Show
            when={asking()}
            fallback={
              <button
                type="button"
                class="button button--small integrity__accept"
                onClick={() => setAsking(true)}
              >
                The new bytes are right…
              </button>
            }
          >
            <p class="integrity__confirm">
              Use the file as it is now? It is hashed and processed again; its tags and playlists
              stay.
            </p>
            <button type="button" class="button button--small button--primary" onClick={accept}>
              Use these bytes
            </button>{' '}
            <button type="button" class="button button--small" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </Show>
          <Show when={error()}>{(message) => <p class="general__error">{message()}</p>}</Show>
        </div>
      </Match>
      <Match when={props.asset.verifiedAt}>
        {(at) => <span class="integrity">Bytes as indexed · checked {formatDateTime(at())}</span>}
      </Match>
    </Switch>
  )
}
