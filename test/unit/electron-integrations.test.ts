import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { call } from '../../src/main/cli/call'
import { silentLogger } from '../../src/main/logger'
import { runShell, type Shell } from '../../src/main/shell/run-shell'
import { safeStorageBox } from '../../src/main/shell/safe-storage'
import { app, resetElectronStub, safeStorage, shell } from '../support/electron-stub'
import { tempDir } from '../support/temp'
import { sourceWorkers } from '../support/workers'

vi.mock('electron', async () => (await import('../support/electron-stub')).electronStub)

const started: Shell[] = []

async function startShell(): Promise<Shell> {
  app.userData = tempDir('marquee-userdata-')
  const running = runShell({
    preload: join('/opt', 'marquee', 'out', 'preload', 'index.cjs'),
    rendererFile: join('/opt', 'marquee', 'out', 'renderer', 'index.html'),
    workers: sourceWorkers,
    logger: silentLogger,
  })
  app.becomeReady()
  const shell = await running
  if (!shell) throw new Error('the shell did not start')
  started.push(shell)
  return shell
}

beforeEach(() => resetElectronStub())

afterEach(async () => {
  for (const s of started.splice(0)) await s.core.close()
})

describe('the Electron shell and integrations', () => {
  it('seals sign-ins with safeStorage and opens the system browser to connect', async () => {
    const { core } = await startShell()
    const feed = await call(core, 'integrations.add', {
      kind: 'feed',
      url: 'http://127.0.0.1:9/feed.json',
      headers: [{ name: 'Authorization', value: 'Bearer app-secret', secret: true }],
    })
    expect(safeStorage.sealed).toBe(1)
    expect(await call(core, 'integrations.status', undefined)).toMatchObject({
      secrets: 'safe-storage',
      warning: null,
    })
    const blob = core.db
      .prepare('SELECT credentials FROM integrations WHERE id = ?')
      .get(feed.id) as {
      credentials: Buffer
    }
    expect(blob.credentials[0]).toBe(0x02)
    expect(blob.credentials.toString('latin1')).not.toContain('app-secret')
    expect(
      await core.services.integrations.credentials(core.services.integrations.row(feed.id)),
    ).toEqual({
      headers: { Authorization: 'Bearer app-secret' },
    })

    const spotify = await call(core, 'integrations.add', { kind: 'spotify', clientId: 'app' })
    const start = await call(core, 'integrations.auth', { id: spotify.id, openBrowser: true })
    expect(start.opened).toBe(true)
    expect(shell.opened).toEqual([start.url])
  })

  it('tells the user when sign-ins fall back to the key file (no keyring)', async () => {
    safeStorage.available = false
    const { core } = await startShell()
    const status = await call(core, 'integrations.status', undefined)
    expect(status).toMatchObject({ secrets: 'key-file', cacheItems: 0, cacheBytes: 0 })
    expect(status.warning).toMatch(/key file readable only by you/)
  })

  it('uses the key file, and says so, where Linux has no keyring (basic_text)', async () => {
    safeStorage.backend = 'basic_text'
    const dataDir = tempDir()
    const box = safeStorageBox(dataDir, safeStorage)
    if (process.platform === 'linux') {
      expect(box.kind).toBe('key-file')
      expect(box.warning).toMatch(/basic_text/)
    }
    safeStorage.backend = 'gnome_libsecret'
    // The keychain box still opens what serve or the CLI sealed with the key file.
    const fromServe = await box.seal('from serve')
    expect(await safeStorageBox(dataDir, safeStorage).open(fromServe)).toBe('from serve')
    safeStorage.available = false
    expect(safeStorageBox(dataDir, safeStorage).warning).toMatch(/keychain is not available/)
  })
})
