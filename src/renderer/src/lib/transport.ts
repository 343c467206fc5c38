import type { ApiResponse, EventName, FolderPurpose, MethodName } from '../../../shared/contract'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected'
export type Face = 'electron' | 'serve'

/** How the renderer reaches the core: the Electron preload bridge or the serve-mode WebSocket. */
export interface Transport {
  readonly face: Face
  invoke(method: MethodName, args: unknown): Promise<ApiResponse<unknown>>
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void
  /** Reports every connection state change, starting with the current one. */
  watchState(listener: (state: ConnectionState) => void): void
  /** Try to connect now instead of waiting for the next backoff step. */
  retry(): void
  /** Native folder picker; only the desktop app has one. */
  pickFolder?: (purpose?: FolderPurpose) => Promise<string | null>
  /** Drags assets out to the desktop; only the desktop app can. A sentence when it cannot. */
  dragOut?: (ids: number[]) => Promise<string | null>
}

export function unavailable(message: string): ApiResponse<never> {
  return { ok: false, error: { code: 'UNAVAILABLE', message } }
}
