import type { ClientMessage, ServerMessage } from '../../shared/contract'
import type { Dispatch } from '../api/dispatch'

/** `{id, method, args}` from a client, or null when the text is not one. */
export function parseClientMessage(text: string): ClientMessage | null {
  try {
    const value = JSON.parse(text) as Partial<ClientMessage>
    if (typeof value.id !== 'number' || typeof value.method !== 'string') return null
    return { id: value.id, method: value.method, args: value.args }
  } catch {
    return null
  }
}

/** Runs one client call through the dispatcher; the answer carries the call's id. */
export async function answer(dispatch: Dispatch, message: ClientMessage): Promise<ServerMessage> {
  return { id: message.id, response: await dispatch(message.method, message.args) }
}
