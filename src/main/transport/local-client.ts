import { connect, type Socket } from 'node:net'
import type { ApiResponse, ClientMessage, EventName, ServerMessage } from '../../shared/contract'

export interface LocalClient {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>>
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void
  close(): void
}

/**
 * Connects to the instance that holds a library (see local-socket.ts). Rejects when nothing
 * listens there; once connected, a call the instance never answers (it stopped) resolves with
 * an UNAVAILABLE error rather than hanging.
 */
export function connectLocal(path: string): Promise<LocalClient> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ path })
    socket.once('error', reject)
    socket.once('connect', () => {
      socket.off('error', reject)
      resolve(clientOver(socket))
    })
  })
}

function clientOver(socket: Socket): LocalClient {
  let nextId = 1
  const pending = new Map<number, (response: ApiResponse<unknown>) => void>()
  const listeners = new Set<(event: EventName, payload: unknown) => void>()
  let closed = false
  socket.setEncoding('utf8')
  let buffered = ''
  socket.on('data', (chunk: string) => {
    buffered += chunk
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end)
      buffered = buffered.slice(end + 1)
      const message = JSON.parse(line) as ServerMessage
      if ('id' in message) {
        pending.get(message.id)?.(message.response)
        pending.delete(message.id)
      } else for (const listener of listeners) listener(message.event, message.payload)
    }
  })
  const hangUp = (): void => {
    closed = true
    for (const resolve of pending.values())
      resolve({
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: 'The running Marquee stopped before it answered. Run the command again.',
        },
      })
    pending.clear()
  }
  socket.on('close', hangUp)
  socket.on('error', () => socket.destroy())
  return {
    call(method, args) {
      if (closed) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNAVAILABLE', message: 'The running Marquee has stopped.' },
        })
      }
      const id = nextId++
      const message: ClientMessage = { id, method, args }
      return new Promise((resolve) => {
        pending.set(id, resolve)
        socket.write(`${JSON.stringify(message)}\n`)
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      socket.end()
    },
  }
}
