import { chmodSync, unlinkSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import type { ServerMessage } from '../../shared/contract'
import type { Dispatch } from '../api/dispatch'
import type { EventBus } from '../events'
import type { Logger } from '../logger'
import { answer, parseClientMessage } from './messages'

/** A message larger than this is refused: the contract's arguments are small. */
const MAX_LINE_BYTES = 4 * 1024 * 1024

export interface LocalServer {
  path: string
  /** Connections open now (CLI processes talking to this instance). */
  connections(): number
  /**
   * Stops listening. With `drain`, waits until connected clients have finished and hung up (a
   * CLI that owns the library stays until the CLIs that joined it are done); without, drops them.
   */
  close(options: { drain: boolean }): Promise<void>
}

/**
 * The lock holder's door for the CLI: the contract over a Unix domain socket (a named pipe on
 * Windows), one JSON message per line — `{id, method, args}` in; `{id, response}` and
 * `{event, payload}` out — through the same dispatcher as the UI. Only the current user may
 * connect (the socket is made 0600; on Windows a pipe is the user's by default).
 */
export async function listenLocal(
  path: string,
  dispatch: Dispatch,
  events: EventBus,
  logger: Logger,
): Promise<LocalServer> {
  const sockets = new Set<Socket>()
  const drained: Array<() => void> = []
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.setEncoding('utf8')
    const send = (message: ServerMessage): void => {
      if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(message)}\n`)
    }
    const unsubscribe = events.subscribe((event, payload) => send({ event, payload }))
    let buffered = ''
    socket.on('data', (chunk: string) => {
      buffered += chunk
      if (buffered.length > MAX_LINE_BYTES && !buffered.includes('\n')) {
        socket.destroy()
        return
      }
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end)
        buffered = buffered.slice(end + 1)
        if (line.trim() === '') continue
        const message = parseClientMessage(line)
        if (!message) {
          socket.end()
          return
        }
        void answer(dispatch, message).then(send)
      }
    })
    socket.on('error', (error) => logger.debug(`local socket: ${error.message}`))
    socket.on('close', () => {
      unsubscribe()
      sockets.delete(socket)
      if (sockets.size === 0) for (const resolve of drained.splice(0)) resolve()
    })
  })

  if (process.platform !== 'win32') {
    // We hold the library's lock, so a socket file here is a dead holder's leftover.
    try {
      unlinkSync(path)
    } catch {
      // None there.
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ path, readableAll: false, writableAll: false }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  if (process.platform !== 'win32') chmodSync(path, 0o600)

  let closing: Promise<void> | undefined
  return {
    path,
    connections: () => sockets.size,
    close({ drain }) {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        if (drain && sockets.size > 0) await new Promise<void>((resolve) => drained.push(resolve))
        for (const socket of sockets) socket.destroy()
        await stopped
      })()
      return closing
    },
  }
}
