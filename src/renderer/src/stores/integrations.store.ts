import { createSignal, onCleanup } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type {
  AddIntegrationRequest,
  AuthStart,
  Integration,
  IntegrationsStatus,
} from '../../../shared/integrations'
import { call, messageOf, on, onReconnect } from '../lib/api'

/**
 * The integrations, kept live by `integrations.changed` (each poll, connection and change sends
 * the list). Actions report failures in `error`; `connect` hands back the address to open when
 * this face could not open the browser itself (serve: the page shows it as a link).
 */
export function createIntegrationsStore() {
  const [state, setState] = createStore({ items: [] as Integration[], loaded: false })
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal<Record<number, string>>({})
  const [status, setStatus] = createSignal<IntegrationsStatus | null>(null)
  const loadStatus = async (): Promise<void> => {
    try {
      setStatus(await call('integrations.status'))
    } catch {
      // The list's own error (or the connection banner) says what is wrong.
    }
  }

  const replace = (items: Integration[]): void => {
    setState('items', reconcile(items, { key: 'id' }))
    setState('loaded', true)
  }
  const load = async (): Promise<void> => {
    try {
      replace(await call('integrations.list'))
    } catch (e) {
      setError(`The integrations could not be loaded. ${messageOf(e)}`)
    }
  }
  void load()
  void loadStatus()
  onCleanup(
    on('integrations.changed', (payload) => {
      replace(payload.integrations)
      // A poll may have cached media: the totals follow.
      void loadStatus()
    }),
  )
  onCleanup(onReconnect(() => void Promise.all([load(), loadStatus()])))

  /** Runs an action for one integration, marking it busy and reporting a failure. */
  const act = async <T>(id: number, what: string, work: () => Promise<T>): Promise<T | null> => {
    setBusy((b) => ({ ...b, [id]: what }))
    try {
      return await work()
    } catch (e) {
      setError(messageOf(e))
      return null
    } finally {
      setBusy(({ [id]: _, ...rest }) => rest)
    }
  }

  return {
    items: () => state.items,
    /** Where sign-ins are kept (and a warning), and the whole cache's size. */
    status,
    loaded: () => state.loaded,
    error,
    dismissError: () => setError(null),
    busy: (id: number): string | null => busy()[id] ?? null,
    /** Throws: the form shows the core's message beside its fields. */
    add: (request: AddIntegrationRequest) => call('integrations.add', request),
    connect: (id: number): Promise<AuthStart | null> =>
      act(id, 'connecting', () => call('integrations.auth', { id, openBrowser: true })),
    fetchNow: (id: number) => act(id, 'fetching', () => call('integrations.poll', { id })),
    setPaused: (id: number, paused: boolean) =>
      act(id, paused ? 'pausing' : 'resuming', () => call('integrations.update', { id, paused })),
    /** After the dialog showed what uses it (integrations.impact) and the user confirmed. */
    remove: (id: number) =>
      act(id, 'removing', () => call('integrations.remove', { id, confirm: true })),
  }
}

export type IntegrationsStore = ReturnType<typeof createIntegrationsStore>
