import { createSignal, onCleanup } from 'solid-js'
import type { StorageStatus } from '../../../shared/domain'
import { call, on, onReconnect } from '../lib/api'

/**
 * Space where the library lives: read once (and after a reconnect), then kept by the core's
 * storage.changed events, which come when work pauses for a full disk and when it resumes.
 */
export function createStorageStore() {
  const [status, setStatus] = createSignal<StorageStatus | null>(null)
  const load = async (): Promise<void> => {
    try {
      setStatus(await call('app.storage'))
    } catch {
      // Not worth a banner of its own: the connection banner says what is wrong.
    }
  }
  void load()
  onCleanup(onReconnect(() => void load()))
  onCleanup(on('storage.changed', (change) => setStatus(change)))

  return {
    status,
    /** The sentence to show while work is paused for space; null otherwise. */
    pausedMessage: (): string | null => (status()?.paused ? (status()?.message ?? null) : null),
  }
}

export type StorageStore = ReturnType<typeof createStorageStore>
