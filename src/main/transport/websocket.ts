import type { WebSocket, WebSocketServer } from 'ws'
import type { ServerMessage } from '../../shared/contract'
import type { Core } from '../app'
import { answer, parseClientMessage } from './messages'

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
      const message = isBinary ? null : parseClientMessage(data.toString())
      if (!message) {
        ws.close(1003, 'Expected a JSON message {id, method, args}')
        return
      }
      void answer(core.dispatch, message).then((reply) => send(ws, reply))
    })
  })

  return core.events.subscribe((event, payload) => {
    for (const ws of wss.clients) send(ws, { event, payload })
  })
}
