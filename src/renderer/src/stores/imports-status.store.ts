import { createSignal, onCleanup } from 'solid-js'
import type { ImportProgress } from '../../../shared/contract'
import { on } from '../lib/api'
import { importsText } from '../lib/import-text'

/** Imports under way anywhere (the drop panel shows them in detail; the status bar sums up). */
export function createImportsStatusStore() {
  const [running, setRunning] = createSignal<ReadonlyMap<string, ImportProgress>>(new Map())
  onCleanup(
    on('import.progress', (progress) =>
      setRunning((before) => {
        const next = new Map(before)
        if (progress.phase === 'checking' || progress.phase === 'copying')
          next.set(progress.importId, progress)
        else next.delete(progress.importId)
        return next
      }),
    ),
  )
  return { text: () => importsText([...running().values()]) }
}
