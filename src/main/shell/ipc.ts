import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { IPC_CHANNELS, type ApiResponse, type EventName, type Events } from '../../shared/contract'
import type { Core } from '../app'
import type { EventBus } from '../events'
import type { AppUrlCheck } from './app-url'
import { dragOut, openAsset, revealAsset } from './asset-shell'
import { pickFolder } from './folder-dialog'

/** What the preload sends on the invoke channel and receives on the event channel. */
export type InvokeMessage = { method: string; args?: unknown }
export type EventMessage = { event: EventName; payload: Events[EventName] }

export interface IpcOptions {
  core: Pick<Core, 'dispatch' | 'logger' | 'paths'>
  /** The app's window, or null while there is none; only its main frame may call. */
  window: () => BrowserWindow | null
  isAppUrl: AppUrlCheck
}

const REFUSED_MESSAGE = 'Only the Marquee window itself can use the Marquee API.'
const REFUSED: ApiResponse<never> = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: REFUSED_MESSAGE },
}

/**
 * The only code that touches ipcMain: one invoke channel into the validated dispatcher, the
 * folder picker, and revealing or opening an asset's original. A caller that is not the app's own top frame on the app's own page is refused,
 * whatever it asks for.
 */
export function registerIpc({ core, window, isAppUrl }: IpcOptions): void {
  const trustedWindow = (event: IpcMainInvokeEvent, channel: string): BrowserWindow | null => {
    const current = window()
    if (current && isTrustedSender(event, current, isAppUrl)) return current
    core.logger.warn(`Refused ${channel} from ${event.senderFrame?.url ?? 'a frame that is gone'}`)
    return null
  }

  ipcMain.handle(IPC_CHANNELS.invoke, async (event, message: unknown) => {
    if (!trustedWindow(event, IPC_CHANNELS.invoke)) return REFUSED
    const { method, args } = readInvoke(message)
    return core.dispatch(method, args)
  })

  ipcMain.handle(IPC_CHANNELS.pickFolder, async (event, purpose: unknown) => {
    const trusted = trustedWindow(event, IPC_CHANNELS.pickFolder)
    return trusted ? pickFolder(trusted, purpose === 'export' ? 'export' : 'library') : null
  })

  ipcMain.handle(IPC_CHANNELS.revealAsset, async (event, id: unknown) =>
    trustedWindow(event, IPC_CHANNELS.revealAsset) ? revealAsset(core, id) : REFUSED_MESSAGE,
  )

  ipcMain.handle(IPC_CHANNELS.openAsset, async (event, id: unknown) =>
    trustedWindow(event, IPC_CHANNELS.openAsset) ? openAsset(core, id) : REFUSED_MESSAGE,
  )

  ipcMain.handle(IPC_CHANNELS.dragOut, async (event, ids: unknown) =>
    trustedWindow(event, IPC_CHANNELS.dragOut) ? dragOut(core, event.sender, ids) : REFUSED_MESSAGE,
  )
}

/** The sender is the main frame of the app's window, showing the app's own page. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  window: BrowserWindow,
  isAppUrl: AppUrlCheck,
): boolean {
  const frame = event.senderFrame
  if (!frame || window.isDestroyed()) return false
  // Identity with mainFrame also rules out subframes and fenced frames, whose parent may be null.
  return frame === window.webContents.mainFrame && isAppUrl(frame.url)
}

/** Pushes every core event to the window until it closes. */
export function forwardEvents(events: EventBus, window: BrowserWindow): void {
  const unsubscribe = events.subscribe((event, payload) => {
    if (window.isDestroyed()) return
    const message: EventMessage = { event, payload }
    window.webContents.send(IPC_CHANNELS.event, message)
  })
  window.once('closed', unsubscribe)
}

function readInvoke(message: unknown): InvokeMessage {
  if (typeof message !== 'object' || message === null) return { method: String(message) }
  const { method, args } = message as Record<string, unknown>
  // The dispatcher answers UNKNOWN_METHOD for anything that is not a method name.
  return { method: typeof method === 'string' ? method : String(method), args }
}
