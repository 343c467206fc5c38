/**
 * A stand-in for the `electron` module. The Electron binary cannot be downloaded on the build
 * machines, so the shell's wiring is tested against these fakes. Each one records what the shell
 * did to it, and behaves like Electron where the shell depends on it: `whenReady()` resolves only
 * when the test says so, scheme privileges are refused after ready and `protocol.handle` before,
 * one handler per IPC channel, `app.quit()` closes the windows and emits `will-quit`.
 *
 *   vi.mock('electron', async () => (await import('../support/electron-stub')).electronStub)
 *
 * The fakes are long-lived (the shell holds them from its imports); `resetElectronStub()` puts
 * them back to a fresh start between tests.
 */
import { EventEmitter } from 'node:events'
import { pathToFileURL } from 'node:url'

type Listener = (...args: unknown[]) => unknown
type Recorded = { channel: string; args: unknown[] }

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

/** What a listener receives as Electron's `Event`: preventDefault, and whether it was called. */
export function fakeEvent<T extends object>(fields: T = {} as T) {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
  }
  return event
}

export class FakeFrame {
  constructor(
    public url = 'about:blank',
    readonly parent: FakeFrame | null = null,
  ) {}
}

export class FakeSession {
  permissionRequestHandler: Listener | null = null
  permissionCheckHandler: Listener | null = null
  headersReceived: Listener | null = null
  readonly webRequest = {
    onHeadersReceived: (listener: Listener | null) => {
      this.headersReceived = listener
    },
  }

  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler
  }

  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler
  }

  /** What a page asking for `permission` is told; Electron grants it when there is no handler. */
  requestPermission(contents: unknown, permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler
    if (!handler) return Promise.resolve(true)
    return new Promise((resolve) => handler(contents, permission, resolve, {}))
  }

  checkPermission(contents: unknown, permission: string, origin: string): boolean {
    return this.permissionCheckHandler?.(contents, permission, origin, {}) !== false
  }

  /** Plays one response through the header listener; resolves with the headers the page sees. */
  receive(
    url: string,
    responseHeaders: Record<string, string[]>,
  ): Promise<Record<string, string[]>> {
    const listener = this.headersReceived
    if (!listener) return Promise.resolve(responseHeaders)
    return new Promise((resolve) =>
      listener(
        { url, resourceType: 'mainFrame', responseHeaders },
        (response: { responseHeaders?: Record<string, string[]> }) =>
          resolve(response.responseHeaders ?? responseHeaders),
      ),
    )
  }

  reset(): void {
    this.permissionRequestHandler = null
    this.permissionCheckHandler = null
    this.headersReceived = null
  }
}

const defaultSession = new FakeSession()

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeFrame()
  readonly session = defaultSession
  readonly sent: Recorded[] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  destroyed = false

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }

  /** Drags out of the window that were started (files and the icon's data URL). */
  readonly drags: Array<{ file: string; files?: string[]; icon: unknown }> = []

  startDrag(item: { file: string; files?: string[]; icon: unknown }): void {
    this.drags.push(item)
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push({ channel, args })
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  /** A navigation of the main frame; true when the shell let it happen. */
  navigate(url: string): boolean {
    const event = fakeEvent({ url, isMainFrame: true, isSameDocument: false })
    this.emit('will-navigate', event, url)
    if (!event.defaultPrevented) this.mainFrame.url = url
    return !event.defaultPrevented
  }

  /** `window.open(url)` from the page; Electron allows it when no handler is set. */
  openWindow(url: string): string {
    return this.windowOpenHandler?.({ url }).action ?? 'allow'
  }

  /** A <webview> about to attach; true when the shell let it. */
  attachWebview(): boolean {
    const event = fakeEvent()
    this.emit('will-attach-webview', event, {}, {})
    return !event.defaultPrevented
  }

  /** What an IPC handler sees as its event when `frame` of this page calls. */
  invokeEventFrom(frame: FakeFrame = this.mainFrame): {
    sender: FakeWebContents
    senderFrame: FakeFrame
    frameId: number
    processId: number
  } {
    return { sender: this, senderFrame: frame, frameId: 1, processId: 1 }
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  loaded: { file?: string; url?: string } | null = null
  visible = false
  minimized = false
  focusCount = 0
  destroyed = false

  constructor(readonly options: Record<string, unknown> = {}) {
    super()
    FakeBrowserWindow.all.push(this)
    app.emit('web-contents-created', fakeEvent(), this.webContents)
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return [...FakeBrowserWindow.all]
  }

  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.all.find((w) => w.webContents === contents) ?? null
  }

  loadFile(file: string): Promise<void> {
    this.loaded = { file }
    this.webContents.mainFrame.url = pathToFileURL(file).href
    return Promise.resolve()
  }

  loadURL(url: string): Promise<void> {
    this.loaded = { url }
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }

  show(): void {
    this.visible = true
  }

  isVisible(): boolean {
    return this.visible
  }

  minimize(): void {
    this.minimized = true
  }

  isMinimized(): boolean {
    return this.minimized
  }

  restore(): void {
    this.minimized = false
  }

  focus(): void {
    this.focusCount += 1
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  close(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroyed = true
    FakeBrowserWindow.all = FakeBrowserWindow.all.filter((w) => w !== this)
    this.emit('closed')
    // Electron does not emit window-all-closed while quitting.
    if (FakeBrowserWindow.all.length === 0 && !app.quitting) app.emit('window-all-closed')
  }
}

class FakeApp extends EventEmitter {
  singleInstanceLock = true
  isPackaged = false
  userData = ''
  appPath = process.cwd()
  ready = false
  quitting = false
  quitCount = 0
  private becameReady = deferred()

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock
  }

  whenReady(): Promise<void> {
    return this.becameReady.promise
  }

  isReady(): boolean {
    return this.ready
  }

  /** Chromium has finished starting: what the shell queued on whenReady() runs now. */
  becomeReady(): void {
    this.ready = true
    this.emit('ready')
    this.becameReady.resolve()
  }

  getPath(name: string): string {
    if (name === 'userData' && this.userData) return this.userData
    throw new Error(`electron-stub: no path for "${name}"; set app.userData in the test`)
  }

  getAppPath(): string {
    return this.appPath
  }

  getVersion(): string {
    return '0.0.0-test'
  }

  getName(): string {
    return 'Marquee'
  }

  exitCode: number | null = null

  /** Electron's app.exit: ends at once, with no quit events. */
  exit(code = 0): void {
    this.exitCode = code
    this.quitting = true
  }

  quit(): void {
    this.quitCount += 1
    this.quitting = true
    this.emit('before-quit', fakeEvent())
    for (const window of FakeBrowserWindow.getAllWindows()) window.close()
    this.emit('will-quit', fakeEvent())
    this.emit('quit', fakeEvent(), 0)
  }

  reset(): void {
    this.removeAllListeners()
    Object.assign(this, {
      singleInstanceLock: true,
      isPackaged: false,
      userData: '',
      appPath: process.cwd(),
      ready: false,
      quitting: false,
      quitCount: 0,
      exitCode: null,
      becameReady: deferred(),
    })
  }
}

export const app = new FakeApp()

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),

  registerSchemesAsPrivileged(
    schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  ): void {
    if (app.ready)
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    protocol.privileged.push(...schemes)
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    if (!app.ready) throw new Error('protocol.handle can only be used after app is ready')
    if (protocol.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`)
    protocol.handlers.set(scheme, handler)
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme)
  },
}

export const ipcMain = {
  handlers: new Map<string, Listener>(),

  handle(channel: string, handler: Listener): void {
    if (ipcMain.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    }
    ipcMain.handlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel)
  },
  /** Calls the handler the shell registered, as `ipcRenderer.invoke` from `event`'s frame would. */
  invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel)
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`))
    return Promise.resolve(handler(event, ...args))
  },
}

type MenuItem = { label?: string; role?: string; submenu?: MenuItem[]; click?: () => void }

export const Menu = {
  applicationMenu: null as { template: MenuItem[] } | null,

  buildFromTemplate(template: MenuItem[]): { template: MenuItem[] } {
    return { template }
  },
  setApplicationMenu(menu: { template: MenuItem[] } | null): void {
    Menu.applicationMenu = menu
  },
}

type OpenDialogResult = { canceled: boolean; filePaths: string[] }

export const dialog = {
  nextOpenDialog: { canceled: true, filePaths: [] } as OpenDialogResult,
  openDialogs: [] as Array<{ window: unknown; options: unknown }>,
  errorBoxes: [] as Array<{ title: string; content: string }>,
  messageBoxes: [] as Array<{ window: unknown; options: unknown }>,

  showOpenDialog(...args: unknown[]): Promise<OpenDialogResult> {
    const [window, options] = args.length > 1 ? args : [null, args[0]]
    dialog.openDialogs.push({ window, options })
    return Promise.resolve(dialog.nextOpenDialog)
  },
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push({ title, content })
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const [window, options] = args.length > 1 ? args : [null, args[0]]
    dialog.messageBoxes.push({ window, options })
    return Promise.resolve({ response: 0, checkboxChecked: false })
  },
}

export const shell = {
  opened: [] as string[],
  revealed: [] as string[],
  openedPaths: [] as string[],
  /** What `openPath` answers (Electron: '' on success, else an error message). */
  nextOpenPathError: '',

  openExternal(url: string): Promise<void> {
    shell.opened.push(url)
    return Promise.resolve()
  },

  showItemInFolder(path: string): void {
    shell.revealed.push(path)
  },

  openPath(path: string): Promise<string> {
    shell.openedPaths.push(path)
    return Promise.resolve(shell.nextOpenPathError)
  },
}

/** Dropped files' paths: a fake File carries the one Electron would know in `path`. */
export const webUtils = {
  getPathForFile(file: { path?: string }): string {
    return file.path ?? ''
  },
}

type StorageBackend =
  'gnome_libsecret' | 'basic_text' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'

/**
 * safeStorage: "encrypts" by reversing and tagging the bytes, so a test can tell what it sealed
 * and that nothing was stored in the clear. The backend and availability are the test's to set.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as StorageBackend,
  sealed: 0,
  isEncryptionAvailable(): boolean {
    return safeStorage.available
  },
  getSelectedStorageBackend(): StorageBackend {
    return safeStorage.backend
  },
  encryptString(plain: string): Buffer {
    safeStorage.sealed += 1
    return Buffer.concat([Buffer.from('stub:'), Buffer.from(plain, 'utf8').reverse()])
  },
  decryptString(sealed: Buffer): string {
    if (!sealed.subarray(0, 5).equals(Buffer.from('stub:'))) throw new Error('not sealed here')
    return Buffer.from(sealed.subarray(5)).reverse().toString('utf8')
  },
}

export const session = { defaultSession }

export const contextBridge = {
  exposed: new Map<string, unknown>(),

  exposeInMainWorld(key: string, api: unknown): void {
    if (contextBridge.exposed.has(key)) throw new Error(`Cannot bind an API on top of "${key}"`)
    contextBridge.exposed.set(key, api)
  },
}

class FakeIpcRenderer extends EventEmitter {
  invocations: Recorded[] = []
  /** What the main process answers; the test sets it. */
  answer: (channel: string, ...args: unknown[]) => unknown = () => undefined

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args })
    return Promise.resolve(this.answer(channel, ...args))
  }

  /** A message from the main process, with the IpcRendererEvent Electron puts first. */
  deliver(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this, senderId: 0, ports: [] }, ...args)
  }

  reset(): void {
    this.removeAllListeners()
    this.invocations = []
    this.answer = () => undefined
  }
}

export const ipcRenderer = new FakeIpcRenderer()

/** Back to a freshly started Electron. The preload's exposure is kept: it runs once per import. */
export function resetElectronStub(): void {
  app.reset()
  defaultSession.reset()
  FakeBrowserWindow.all = []
  protocol.privileged = []
  protocol.handlers.clear()
  ipcMain.handlers.clear()
  Menu.applicationMenu = null
  dialog.nextOpenDialog = { canceled: true, filePaths: [] }
  dialog.openDialogs = []
  dialog.errorBoxes = []
  dialog.messageBoxes = []
  shell.opened = []
  shell.revealed = []
  shell.openedPaths = []
  shell.nextOpenPathError = ''
  safeStorage.available = true
  safeStorage.backend = 'gnome_libsecret'
  safeStorage.sealed = 0
  ipcRenderer.reset()
}

export const nativeImage = {
  createFromDataURL(url: string): { dataUrl: string } {
    return { dataUrl: url }
  },
}

/** The module `vi.mock('electron', …)` returns. */
export const electronStub = {
  app,
  nativeImage,
  BrowserWindow: FakeBrowserWindow,
  session,
  protocol,
  ipcMain,
  Menu,
  dialog,
  shell,
  safeStorage,
  contextBridge,
  ipcRenderer,
  webUtils,
}
