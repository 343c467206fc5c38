import { createSignal, onCleanup } from 'solid-js'
import type { BundleVerification } from '../../../shared/domain'
import type { BundleHistoryEntry } from '../../../shared/exports'
import { call, messageOf, on, onReconnect } from '../lib/api'

/**
 * The export history (`bundles.history`: with each bundle's playlists and what changed in them
 * since), newest first; refreshed when an export finishes.
 */
export function createBundlesStore() {
  const [bundles, setBundles] = createSignal<BundleHistoryEntry[]>([])
  const [loaded, setLoaded] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)

  const load = async (): Promise<void> => {
    try {
      const list = await call('bundles.history')
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

  /** The last check of a folder: running, its report, or why it could not run. */
  const [checks, setChecks] = createSignal<
    Record<string, 'running' | BundleVerification | { failed: string }>
  >({})
  const verify = async (dir: string): Promise<void> => {
    setChecks((c) => ({ ...c, [dir]: 'running' }))
    try {
      const report = await call('bundles.verify', { dir })
      setChecks((c) => ({ ...c, [dir]: report }))
    } catch (e) {
      setChecks((c) => ({ ...c, [dir]: { failed: messageOf(e) } }))
    }
  }

  return {
    bundles,
    loaded,
    error,
    dismissError: () => setError(null),
    checkOf: (dir: string) => checks()[dir],
    verify,
  }
}
