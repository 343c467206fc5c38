/**
 * The renderer's only way to the core. Picks the transport once: the Electron preload bridge
 * when the page runs in the desktop app, else the serve-mode WebSocket on this page's host.
 */
import { createSignal } from 'solid-js'
import type {
  EventName,
  Events,
  MethodArgs,
  MethodName,
  MethodResult,
} from '../../../shared/contract'
import type { ErrorCode } from '../../../shared/domain'
import { createIpcTransport } from './ipc-transport'
import type { ConnectionState, Face, Transport } from './transport'
import { createWsTransport } from './ws-transport'

export type { ConnectionState, Face }

/** A call the core answered with `{ ok: false }`: `code` is for code, `message` is for people. */
export class ApiCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiCallError'
  }
}

function createTransport(): Transport {
  if (window.marquee) return createIpcTransport(window.marquee)
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const transport = createWsTransport(`${scheme}://${location.host}/api`)
  window.addEventListener('online', () => transport.retry())
  return transport
}

const transport = createTransport()

/** Which face of Marquee this page is: the desktop app or a browser on `marquee serve`. */
export const face: Face = transport.face

const [connectionState, setConnectionState] = createSignal<ConnectionState>('connecting')
/** 'connecting' | 'connected' | 'disconnected', as a Solid accessor. */
export const connection = connectionState

const [everConnected, setEverConnected] = createSignal(false)
/** True once the first connection succeeded: a later loss is a "reconnect", not a first try. */
export const wasConnected = everConnected

const reconnectListeners = new Set<() => void>()
let connectedBefore = false
transport.watchState((state) => {
  setConnectionState(state)
  if (state !== 'connected') return
  // Events sent while the connection was down are lost: let stores refetch what they show.
  if (connectedBefore) for (const listener of reconnectListeners) listener()
  connectedBefore = true
  setEverConnected(true)
})

/** Runs `listener` each time the connection comes back after being lost. */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener)
  return () => reconnectListeners.delete(listener)
}

type CallArgs<M extends MethodName> = MethodArgs<M> extends void ? [] : [MethodArgs<M>]

/** Calls one contract method. Throws ApiCallError with the core's code and message. */
export async function call<M extends MethodName>(
  method: M,
  ...args: CallArgs<M>
): Promise<MethodResult<M>> {
  const response = await transport.invoke(method, args[0])
  if (!response.ok) throw new ApiCallError(response.error.code, response.error.message)
  return response.result as MethodResult<M>
}

/** Subscribes to one core event; returns the unsubscribe function. */
export function on<E extends EventName>(
  event: E,
  listener: (payload: Events[E]) => void,
): () => void {
  return transport.subscribe((name, payload) => {
    if (name === event) listener(payload as Events[E])
  })
}

/** Opens the native folder picker; undefined where there is none (a browser). */
export const pickFolder: Transport['pickFolder'] = transport.pickFolder

/** Starts dragging assets out to the desktop; undefined where that cannot be (a browser). */
export const dragOut: ((ids: number[]) => Promise<string | null>) | undefined = transport.dragOut

/** Reconnect now rather than at the next backoff step. */
export const retryConnection = (): void => transport.retry()

/** The message to show for any failure, whether or not it came from the core. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message
  return 'Something went wrong in Marquee. Try again.'
}
