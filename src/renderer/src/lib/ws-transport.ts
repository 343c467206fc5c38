import type { ApiResponse, EventName, ServerMessage } from '../../../shared/contract'
import { unavailable, type ConnectionState, type Transport } from './transport'

const MIN_BACKOFF_MS = 500
const MAX_BACKOFF_MS = 8000
/** After this many failed attempts in a row the UI says "Disconnected" rather than "Reconnecting". */
const ATTEMPTS_BEFORE_DISCONNECTED = 5
/** How long a call waits for a connection, and then for its answer. */
const WAIT_FOR_CONNECTION_MS = 15_000
const WAIT_FOR_ANSWER_MS = 60_000

interface Pending {
  resolve: (response: ApiResponse<unknown>) => void
  timer: ReturnType<typeof setTimeout>
}

/**
 * Serve mode: the contract over one WebSocket at /api. The HttpOnly session cookie
 * authenticates it. Reconnects with exponential backoff; calls made while disconnected wait.
 */
export function createWsTransport(url: string): Transport {
  let socket: WebSocket | null = null
  let state: ConnectionState = 'connecting'
  let failures = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let nextId = 1
  const pending = new Map<number, Pending>()
  const waiting = new Set<() => void>()
  const stateListeners = new Set<(state: ConnectionState) => void>()
  const eventListeners = new Set<(event: EventName, payload: unknown) => void>()

  const setState = (next: ConnectionState): void => {
    if (next === state) return
    state = next
    for (const listener of stateListeners) listener(state)
  }

  const connect = (): void => {
    clearTimeout(retryTimer)
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      failures = 0
      setState('connected')
      for (const send of [...waiting]) send()
    }
    ws.onmessage = (message) => receive(String(message.data))
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      // The core may or may not have run these calls; never resend them blindly.
      for (const [id, call] of pending) {
        clearTimeout(call.timer)
        call.resolve(
          unavailable('The connection to Marquee dropped before it answered. Try again.'),
        )
        pending.delete(id)
      }
      failures += 1
      setState(failures >= ATTEMPTS_BEFORE_DISCONNECTED ? 'disconnected' : 'connecting')
      const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (failures - 1))
      retryTimer = setTimeout(connect, delay)
    }
  }

  const receive = (text: string): void => {
    let message: ServerMessage
    try {
      message = JSON.parse(text) as ServerMessage
    } catch {
      return
    }
    if ('event' in message) {
      for (const listener of eventListeners) listener(message.event, message.payload)
      return
    }
    const call = pending.get(message.id)
    if (!call) return
    clearTimeout(call.timer)
    pending.delete(message.id)
    call.resolve(message.response)
  }

  const invoke: Transport['invoke'] = (method, args) =>
    new Promise((resolve) => {
      const send = (): void => {
        waiting.delete(send)
        clearTimeout(connectTimer)
        const id = nextId++
        const timer = setTimeout(() => {
          pending.delete(id)
          resolve(unavailable(`Marquee did not answer "${method}" within a minute. Try again.`))
        }, WAIT_FOR_ANSWER_MS)
        pending.set(id, { resolve, timer })
        socket!.send(JSON.stringify({ id, method, args }))
      }
      const connectTimer = setTimeout(() => {
        waiting.delete(send)
        resolve(
          unavailable(
            'Marquee cannot reach its server. Check that the Marquee server is still running, then try again.',
          ),
        )
      }, WAIT_FOR_CONNECTION_MS)
      if (socket?.readyState === WebSocket.OPEN) send()
      else waiting.add(send)
    })

  connect()
  return {
    face: 'serve',
    invoke,
    subscribe(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    watchState(listener) {
      stateListeners.add(listener)
      listener(state)
    },
    retry() {
      if (!socket) connect()
    },
  }
}
