import { createSignal, onCleanup } from 'solid-js'
import type { AppInfo } from '../../../shared/domain'
import {
  call,
  connection,
  face,
  messageOf,
  onReconnect,
  pickFolder,
  retryConnection,
  wasConnected,
} from '../lib/api'

/** What the app is and how it is connected: app.info, the transport, the connection state. */
export function createAppStore() {
  const [info, setInfo] = createSignal<AppInfo | null>(null)
  const [error, setError] = createSignal<string | null>(null)

  const load = async (): Promise<void> => {
    try {
      setInfo(await call('app.info'))
      setError(null)
    } catch (e) {
      setError(messageOf(e))
    }
  }
  void load()
  onCleanup(onReconnect(() => void load()))

  return {
    info,
    error,
    connection,
    wasConnected,
    face,
    canPickFolder: pickFolder !== undefined,
    retryConnection,
  }
}

export type AppStore = ReturnType<typeof createAppStore>
