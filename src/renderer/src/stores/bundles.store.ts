import { createSignal, onCleanup } from 'solid-js'
import type { BundleRecord } from '../../../shared/domain'
import { call, messageOf, on, onReconnect } from '../lib/api'

/** The export history (`bundles.list`), newest first; refreshed when an export finishes. */
export function createBundlesStore() {
  const [bundles, setBundles] = createSignal<BundleRecord[]>([])
  const [loaded, setLoaded] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)

  const load = async (): Promise<void> => {
    try {
      const list = await call('bundles.list')
      setBundles([...list].sort((a, b) => b.createdAt - a.createdAt))
      setLoaded(true)
    } catch (e) {
      setError(`The export history could not be loaded. ${messageOf(e)}`)
    }
  }
  void load()
  onCleanup(onReconnect(() => void load()))
  onCleanup(
    on('export.progress', (p) => {
      if (p.phase === 'done') void load()
    }),
  )
  return { bundles, loaded, error, dismissError: () => setError(null) }
}
