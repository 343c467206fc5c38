import type { WebSocket, WebSocketServer } from 'ws'
import type { ClientMessage, ServerMessage } from '../../shared/contract'
import type { Core } from '../app'

/**
 * The contract over a WebSocket: `{id, method, args}` in, `{id, response}` out, and every core
 * event pushed as `{event, payload}`. Returns a function that detaches from the core.
 */
export function attachWebSocketApi(wss: WebSocketServer, core: Core): () => void {
  const send = (ws: WebSocket, message: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? null : parseMessage(data.toString())
      if (!message) {
        ws.close(1003, 'Expected a JSON message {id, method, args}')
        return
      }
      void core
        .dispatch(message.method, message.args)
        .then((response) => send(ws, { id: message.id, response }))
    })
  })

  return core.events.subscribe((event, payload) => {
    for (const ws of wss.clients) send(ws, { event, payload })
  })
}

function parseMessage(text: string): ClientMessage | null {
  try {
    const value = JSON.parse(text) as Partial<ClientMessage>
    if (typeof value.id !== 'number' || typeof value.method !== 'string') return null
    return { id: value.id, method: value.method, args: value.args }
  } catch {
    return null
  }
}
