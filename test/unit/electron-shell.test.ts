import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS, MEDIA_SCHEME } from '../../src/shared/contract'
import { silentLogger } from '../../src/main/logger'
import { runShell, type Shell, type ShellOptions } from '../../src/main/shell/run-shell'
import { connectLocal } from '../../src/main/transport/local-client'
import {
  app,
  dialog,
  FakeBrowserWindow,
  FakeFrame,
  FakeWebContents,
  ipcMain,
  Menu,
  protocol,
  resetElectronStub,
  session,
  shell as electronShell,
} from '../support/electron-stub'
import { testCore } from '../support/core'
import { tempDir } from '../support/temp'
import { sourceWorkers } from '../support/workers'

vi.mock('electron', async () => (await import('../support/electron-stub')).electronStub)

const LOCATIONS = {
  preload: join('/opt', 'marquee', 'out', 'preload', 'index.cjs'),
  rendererFile: join('/opt', 'marquee', 'out', 'renderer', 'index.html'),
  workers: sourceWorkers,
}
const APP_URL = pathToFileURL(LOCATIONS.rendererFile).href

const started: Shell[] = []

/** Starts the shell the way Electron would: module code first, then `ready`. */
async function startShell(options: Partial<ShellOptions> = {}) {
  app.userData = app.userData || tempDir('marquee-userdata-')
  const running = runShell({ ...LOCATIONS, logger: silentLogger, ...options })
  app.becomeReady()
  const shell = await running
  if (!shell) throw new Error('the shell did not start')
  started.push(shell)
  const window = FakeBrowserWindow.all[0]!
  return { shell, window, contents: window.webContents }
}

function invoke(event: unknown, message: unknown) {
  return ipcMain.invoke(IPC_CHANNELS.invoke, event, message) as Promise<{
    ok: boolean
    result?: Record<string, unknown>
    error?: { code: string; message: string }
  }>
}

beforeEach(() => resetElectronStub())

afterEach(() => {
  for (const shell of started.splice(0)) shell.core.close()
})

describe('the Electron shell: instances and lifecycle', () => {
  it('quits at once when another instance already holds the lock', async () => {
    app.singleInstanceLock = false
    await expect(runShell({ ...LOCATIONS, logger: silentLogger })).resolves.toBeNull()
    expect(app.quitCount).toBe(1)
    expect(FakeBrowserWindow.all).toHaveLength(0)
    expect(protocol.privileged).toHaveLength(0)
  })

  it('brings the existing window back when a second instance starts', async () => {
    const { window } = await startShell()
    window.minimize()
    app.emit('second-instance', {}, ['marquee'], '/')
    expect(window.isMinimized()).toBe(false)
    expect(window.focusCount).toBe(1)
  })

  it('opens the library in the userData folder', async () => {
    app.userData = tempDir('marquee-userdata-')
    const { shell } = await startShell()
    expect(shell.core.paths.databasePath).toBe(join(app.userData, 'library.db'))
  })

  it('closes the core when the app quits', async () => {
    const { shell } = await startShell()
    app.quit()
    await vi.waitFor(() => expect(shell.core.db.open).toBe(false), { timeout: 10_000 })
  })

  it.skipIf(process.platform === 'darwin')('quits when its last window closes', async () => {
    const { shell, window } = await startShell()
    window.close()
    expect(app.quitCount).toBe(1)
    await vi.waitFor(() => expect(shell.core.db.open).toBe(false), { timeout: 10_000 })
  })

  it('says why and quits when the library was written by a newer Marquee', async () => {
    app.userData = tempDir('marquee-userdata-')
    const db = new Database(join(app.userData, 'library.db'))
    db.pragma('user_version = 999')
    db.close()

    const running = runShell({ ...LOCATIONS, logger: silentLogger })
    app.becomeReady()
    await expect(running).resolves.toBeNull()
    expect(dialog.errorBoxes).toHaveLength(1)
    expect(dialog.errorBoxes[0]!.content).toMatch(/newer version of Marquee/)
    expect(app.quitCount).toBe(1)
    expect(FakeBrowserWindow.all).toHaveLength(0)
  })

  it('names the process that holds the library (marquee serve) and exits 2', async () => {
    app.userData = tempDir('marquee-userdata-')
    const serve = testCore(app.userData, { face: 'serve' })

    const running = runShell({ ...LOCATIONS, logger: silentLogger })
    app.becomeReady()
    await expect(running).resolves.toBeNull()
    expect(dialog.errorBoxes).toEqual([
      expect.objectContaining({
        title: 'Marquee’s library is in use',
        content: expect.stringContaining(`open in marquee serve (process ${process.pid}`),
      }),
    ])
    expect(app.exitCode).toBe(2)
    expect(FakeBrowserWindow.all).toHaveLength(0)
    // The holder was left alone.
    expect(serve.services.roots.list()).toEqual([])
  })

  it('lets the CLI join the running app through the socket named in its lock', async () => {
    const { shell } = await startShell()
    const lock = JSON.parse(readFileSync(join(app.userData, 'marquee.lock'), 'utf8'))
    expect(lock).toMatchObject({ face: 'electron', pid: process.pid })
    const client = await connectLocal(lock.socket)
    const info = await client.call('app.info', undefined)
    client.close()
    expect(info).toMatchObject({ ok: true, result: { face: 'electron' } })
    expect(shell.core.paths.dataDir).toBe(app.userData)
  })
})

describe('the Electron shell: the window', () => {
  it('isolates and sandboxes the renderer, with the CommonJS preload', async () => {
    const { window } = await startShell()
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: LOCATIONS.preload,
    })
    expect(LOCATIONS.preload).toMatch(/index\.cjs$/)
  })

  it('loads the built renderer and shows the window once it is ready to show', async () => {
    const { window } = await startShell()
    expect(window.loaded).toEqual({ file: LOCATIONS.rendererFile })
    expect(window.isVisible()).toBe(false)
    window.emit('ready-to-show')
    expect(window.isVisible()).toBe(true)
  })

  it('loads the dev server under electron-vite dev', async () => {
    const { window, contents } = await startShell({ devServerUrl: 'http://localhost:5173' })
    expect(window.loaded).toEqual({ url: 'http://localhost:5173' })
    expect(contents.navigate('http://localhost:5173/#/roots')).toBe(true)
    expect(contents.navigate('http://localhost:5174/')).toBe(false)
  })

  it('prevents navigation to a foreign URL', async () => {
    const { contents } = await startShell()
    expect(contents.navigate('https://example.com/')).toBe(false)
    expect(contents.navigate('file:///etc/passwd')).toBe(false)
    expect(contents.mainFrame.url).toBe(APP_URL)
    expect(contents.navigate(`${APP_URL}#/roots`)).toBe(true)
  })

  it('denies window.open and sends only web links to the browser', async () => {
    const { contents } = await startShell()
    expect(contents.openWindow('https://example.com/help')).toBe('deny')
    expect(contents.openWindow('file:///etc/passwd')).toBe('deny')
    expect(contents.openWindow('javascript:alert(1)')).toBe('deny')
    expect(electronShell.opened).toEqual(['https://example.com/help'])
  })

  it('refuses to attach webviews', async () => {
    const { contents } = await startShell()
    expect(contents.attachWebview()).toBe(false)
  })

  it('guards every other webContents too', async () => {
    await startShell()
    const other = new FakeWebContents()
    app.emit('web-contents-created', {}, other)
    expect(other.navigate('https://example.com/')).toBe(false)
    expect(other.openWindow('https://example.com/')).toBe('deny')
    expect(other.attachWebview()).toBe(false)
  })

  it('denies permission requests and checks', async () => {
    const { contents } = await startShell()
    const ses = session.defaultSession
    await expect(ses.requestPermission(contents, 'media')).resolves.toBe(false)
    await expect(ses.requestPermission(contents, 'notifications')).resolves.toBe(false)
    expect(ses.checkPermission(contents, 'geolocation', APP_URL)).toBe(false)
  })

  it('sets a strict Content-Security-Policy on responses, replacing any other', async () => {
    await startShell()
    const headers = await session.defaultSession.receive(APP_URL, {
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    })
    expect(headers['content-security-policy']).toBeUndefined()
    expect(headers['Content-Type']).toEqual(['text/html'])
    const csp = headers['Content-Security-Policy']![0]!
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      `img-src 'self' data: blob: ${MEDIA_SCHEME}:`,
      `media-src 'self' blob: ${MEDIA_SCHEME}:`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive)
    }
  })

  it('sets a menu with developer tools only in development', async () => {
    await startShell()
    const roles = (menu: typeof Menu.applicationMenu) =>
      JSON.stringify(
        menu?.template.map((item) => item.submenu?.map((sub) => [sub.role, sub.label])),
      )
    expect(roles(Menu.applicationMenu)).toContain('toggleDevTools')
    resetElectronStub()
    app.isPackaged = true
    await startShell()
    expect(roles(Menu.applicationMenu)).not.toContain('toggleDevTools')
    expect(roles(Menu.applicationMenu)).toContain('About Marquee')
  })

  it('adds a folder picked from File › Add Folder…', async () => {
    const { shell } = await startShell()
    const media = tempDir('marquee-media-')
    dialog.nextOpenDialog = { canceled: false, filePaths: [media] }
    const file = Menu.applicationMenu!.template.find((item) => item.label === 'File')!
    file.submenu!.find((item) => item.label === 'Add Folder…')!.click!()
    await vi.waitFor(() => expect(shell.core.services.roots.list()).toHaveLength(1), {
      timeout: 10_000,
    })
    expect(dialog.messageBoxes).toHaveLength(0)
  })

  it('explains why a folder picked from the menu could not be added', async () => {
    const { shell } = await startShell()
    dialog.nextOpenDialog = { canceled: false, filePaths: [join(tempDir(), 'unplugged-nas')] }
    const file = Menu.applicationMenu!.template.find((item) => item.label === 'File')!
    file.submenu!.find((item) => item.label === 'Add Folder…')!.click!()
    await vi.waitFor(() => expect(dialog.messageBoxes).toHaveLength(1), { timeout: 10_000 })
    expect(dialog.messageBoxes[0]!.options).toMatchObject({
      detail: expect.stringMatching(/no folder/),
    })
    expect(shell.core.services.roots.list()).toHaveLength(0)
  })
})

describe('the Electron shell: the media protocol', () => {
  it('registers marquee-media as privileged before ready and handles it after', async () => {
    app.userData = tempDir('marquee-userdata-')
    const running = runShell({ ...LOCATIONS, logger: silentLogger })
    expect(protocol.privileged).toEqual([
      {
        scheme: MEDIA_SCHEME,
        privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
      },
    ])
    expect(protocol.handlers.has(MEDIA_SCHEME)).toBe(false)
    app.becomeReady()
    started.push((await running)!)
    expect(protocol.handlers.has(MEDIA_SCHEME)).toBe(true)
  })

  it('serves a file inside a registered root', async () => {
    const { shell } = await startShell()
    const media = tempDir('marquee-media-')
    writeFileSync(join(media, 'a.txt'), 'hello from the lobby screen')
    const root = await shell.core.services.roots.add({ path: media })
    const handle = protocol.handlers.get(MEDIA_SCHEME)!
    const response = await handle(new Request(`${MEDIA_SCHEME}://root/${root.id}/a.txt`))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('hello from the lobby screen')
  })

  it('refuses a path that climbs out of the root', async () => {
    const { shell } = await startShell()
    const root = await shell.core.services.roots.add({ path: tempDir('marquee-media-') })
    const handle = protocol.handlers.get(MEDIA_SCHEME)!
    const url = `${MEDIA_SCHEME}://root/${root.id}/..%2F..%2F..%2F..%2Fetc%2Fpasswd`
    const response = await handle(new Request(url))
    expect(response.status).toBe(400)
    expect(await response.text()).not.toContain('root:')
  })
})

describe('the Electron shell: IPC', () => {
  it("answers app.info for the app's own main frame", async () => {
    const { contents } = await startShell()
    const response = await invoke(contents.invokeEventFrom(), { method: 'app.info' })
    expect(response.ok).toBe(true)
    expect(response.result).toMatchObject({
      name: 'Marquee',
      face: 'electron',
      dataDir: app.userData,
    })
  })

  it('refuses a sender from a subframe of the app window', async () => {
    const { contents } = await startShell()
    const subframe = new FakeFrame(APP_URL, contents.mainFrame)
    const response = await invoke(contents.invokeEventFrom(subframe), { method: 'app.info' })
    expect(response).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
  })

  it('refuses the main frame once it shows another URL', async () => {
    const { contents } = await startShell()
    contents.mainFrame.url = 'https://evil.example/'
    const response = await invoke(contents.invokeEventFrom(), { method: 'app.info' })
    expect(response).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
  })

  it('refuses another webContents even on the app URL, and a frame that is gone', async () => {
    await startShell()
    const other = new FakeWebContents()
    other.mainFrame.url = APP_URL
    const fromOther = await invoke(other.invokeEventFrom(), { method: 'app.info' })
    expect(fromOther).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
    const gone = await invoke({ sender: other, senderFrame: null }, { method: 'app.info' })
    expect(gone).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
  })

  it('returns invalid arguments and unknown methods as errors, not exceptions', async () => {
    const { contents } = await startShell()
    const event = contents.invokeEventFrom()
    const invalid = await invoke(event, { method: 'roots.remove', args: { id: 'seven' } })
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const unknown = await invoke(event, { method: 'fs.readFile', args: '/etc/passwd' })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    const garbage = await invoke(event, 42)
    expect(garbage).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
  })

  it("opens the folder picker for the app's own main frame only", async () => {
    const { window, contents } = await startShell()
    dialog.nextOpenDialog = { canceled: false, filePaths: ['/srv/media/lobby'] }
    const pick = (event: unknown) => ipcMain.invoke(IPC_CHANNELS.pickFolder, event)
    await expect(pick(contents.invokeEventFrom())).resolves.toBe('/srv/media/lobby')
    expect(dialog.openDialogs[0]).toMatchObject({
      window,
      options: { properties: ['openDirectory'] },
    })
    const subframe = new FakeFrame(APP_URL, contents.mainFrame)
    await expect(pick(contents.invokeEventFrom(subframe))).resolves.toBeNull()
    expect(dialog.openDialogs).toHaveLength(1)
  })

  it('titles the picker for an export and lets it make the bundle folder', async () => {
    const { window, contents } = await startShell()
    dialog.nextOpenDialog = { canceled: false, filePaths: ['/media/ana/LOBBY/lobby'] }
    const picked = await ipcMain.invoke(
      IPC_CHANNELS.pickFolder,
      contents.invokeEventFrom(),
      'export',
    )
    expect(picked).toBe('/media/ana/LOBBY/lobby')
    expect(dialog.openDialogs[0]).toMatchObject({
      window,
      options: {
        title: 'Export the bundle to this folder',
        properties: ['openDirectory', 'createDirectory'],
      },
    })
    dialog.nextOpenDialog = { canceled: true, filePaths: [] }
    await expect(
      ipcMain.invoke(IPC_CHANNELS.pickFolder, contents.invokeEventFrom(), 'export'),
    ).resolves.toBeNull()
  })

  it('reveals and opens an asset by id, never a path, and never launches a program', async () => {
    const { shell, contents } = await startShell()
    const media = tempDir('marquee-media-')
    writeFileSync(join(media, 'poster.png'), Buffer.from('not really a png'))
    writeFileSync(join(media, 'install.sh'), '#!/bin/sh\n')
    const root = await shell.core.services.roots.add({ path: media })
    await shell.core.services.roots.update({ id: root.id, indexAllFiles: true })
    await shell.core.services.scan.scanMany(undefined)
    const poster = shell.core.services.assets.byPath(join(media, 'poster.png'))
    const script = shell.core.services.assets.byPath(join(media, 'install.sh'))
    const ask = (channel: string, arg: unknown, event = contents.invokeEventFrom()) =>
      ipcMain.invoke(channel, event, arg)

    await expect(ask(IPC_CHANNELS.revealAsset, poster.id)).resolves.toBeNull()
    expect(electronShell.revealed).toEqual([poster.path])
    await expect(ask(IPC_CHANNELS.openAsset, poster.id)).resolves.toBeNull()
    expect(electronShell.openedPaths).toEqual([poster.path])
    await expect(ask(IPC_CHANNELS.openAsset, script.id)).resolves.toMatch(/media files only/)
    await expect(ask(IPC_CHANNELS.openAsset, '/bin/sh')).resolves.toMatch(/not an asset/)
    await expect(ask(IPC_CHANNELS.revealAsset, 999_999)).resolves.toMatch(/no asset/)
    const subframe = new FakeFrame(APP_URL, contents.mainFrame)
    await expect(
      ask(IPC_CHANNELS.openAsset, poster.id, contents.invokeEventFrom(subframe)),
    ).resolves.toMatch(/Only the Marquee window/)
    expect(electronShell.openedPaths).toEqual([poster.path])
  })

  it('drags originals out, and the largest cached variant of an offline one', async () => {
    const { shell, contents } = await startShell()
    const media = tempDir('marquee-media-')
    writeFileSync(join(media, 'a.png'), Buffer.from('a'))
    writeFileSync(join(media, 'b.png'), Buffer.from('b'))
    const root = await shell.core.services.roots.add({ path: media })
    await shell.core.services.scan.scanMany(undefined)
    const a = shell.core.services.assets.byPath(join(media, 'a.png'))
    const b = shell.core.services.assets.byPath(join(media, 'b.png'))
    const drag = (ids: unknown) =>
      ipcMain.invoke(IPC_CHANNELS.dragOut, contents.invokeEventFrom(), ids)

    await expect(drag([a.id, b.id])).resolves.toBeNull()
    expect(contents.drags[0]).toMatchObject({ file: a.path, files: [a.path, b.path] })
    expect(contents.drags[0]!.icon).toMatchObject({
      dataUrl: expect.stringMatching(/^data:image\/png/),
    })

    // With the root offline, only what the cache holds can go: here, a's large variant.
    const sha = 'f'.repeat(64)
    shell.core.db.prepare('UPDATE assets SET sha256 = ? WHERE id = ?').run(sha, a.id)
    shell.core.db
      .prepare(
        `INSERT INTO derivatives (sha256, variant, path, width, height, bytes, mime, created_at)
         VALUES (?, 'large', 'media/ff/ff/x/large.webp', 1920, 1080, 1, 'image/webp', 1),
                (?, 'small', 'media/ff/ff/x/small.webp', 200, 113, 1, 'image/webp', 1)`,
      )
      .run(sha, sha)
    shell.core.services.roots.setStatus(root.id, 'offline', 'The NAS is unplugged.')
    await expect(drag([a.id, b.id])).resolves.toBeNull()
    expect(contents.drags[1]!.files).toEqual([
      join(shell.core.paths.cacheDir, 'media', 'ff', 'ff', 'x', 'large.webp'),
    ])
    await expect(drag([b.id])).resolves.toMatch(/cannot be reached/)
    await expect(drag('everything')).resolves.toMatch(/Choose something/)
  })

  it('pushes core events to the window', async () => {
    const { shell, contents } = await startShell()
    const root = await shell.core.services.roots.add({ path: tempDir('marquee-media-') })
    expect(contents.sent).toContainEqual({
      channel: IPC_CHANNELS.event,
      args: [
        { event: 'roots.changed', payload: { roots: [expect.objectContaining({ id: root.id })] } },
      ],
    })
  })

  it('stops pushing events to a closed window', async () => {
    const { shell, window, contents } = await startShell()
    window.close()
    // Pretend the window outlived 'closed', so only unsubscribing can keep the event away.
    window.destroyed = false
    contents.destroyed = false
    const sentBefore = contents.sent.length
    shell.core.events.emit('roots.changed', { roots: [] })
    expect(contents.sent).toHaveLength(sentBefore)
  })
})
