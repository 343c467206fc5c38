import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS, type MarqueeBridge } from '../../src/shared/contract'
import { contextBridge, ipcRenderer, resetElectronStub } from '../support/electron-stub'

vi.mock('electron', async () => (await import('../support/electron-stub')).electronStub)

let bridge: MarqueeBridge

beforeAll(async () => {
  await import('../../src/preload/index')
  bridge = contextBridge.exposed.get('marquee') as MarqueeBridge
})

beforeEach(() => resetElectronStub())

/** Every value reachable from the exposed object, however deep. */
function reachable(value: unknown, seen = new Set<unknown>()): Set<unknown> {
  if (seen.has(value) || (typeof value !== 'object' && typeof value !== 'function') || !value) {
    return seen
  }
  seen.add(value)
  for (const key of Object.getOwnPropertyNames(value)) {
    reachable((value as Record<string, unknown>)[key], seen)
  }
  return seen
}

describe('the preload bridge', () => {
  it('exposes exactly invoke, subscribe and the shell functions as window.marquee', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['marquee'])
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'shell', 'subscribe'])
    expect(Object.keys(bridge.shell)).toEqual([
      'pickFolder',
      'revealAsset',
      'openAsset',
      'dragOut',
      'pathForFile',
    ])
  })

  it('gives the path of a dropped file from webUtils, so the core copies it', () => {
    const dropped = { name: 'promo.mp4', path: '/media/new/promo.mp4' } as unknown as File
    expect(bridge.shell.pathForFile(dropped)).toBe('/media/new/promo.mp4')
    expect(bridge.shell.pathForFile({ name: 'pasted.png' } as unknown as File)).toBe('')
  })

  it('never exposes ipcRenderer', () => {
    expect(reachable(bridge).has(ipcRenderer)).toBe(false)
  })

  it('sends calls on the one invoke channel and returns the answer', async () => {
    ipcRenderer.answer = () => ({ ok: true, result: [] })
    await expect(bridge.invoke('roots.list')).resolves.toEqual({ ok: true, result: [] })
    await bridge.invoke('roots.remove', { id: 3 })
    expect(ipcRenderer.invocations).toEqual([
      { channel: IPC_CHANNELS.invoke, args: [{ method: 'roots.list', args: undefined }] },
      { channel: IPC_CHANNELS.invoke, args: [{ method: 'roots.remove', args: { id: 3 } }] },
    ])
  })

  it('asks the main process for a folder on its own channel', async () => {
    ipcRenderer.answer = (channel) => (channel === IPC_CHANNELS.pickFolder ? '/srv/media' : null)
    await expect(bridge.shell.pickFolder()).resolves.toBe('/srv/media')
  })

  it('names assets to reveal or open by id, on their own channels', async () => {
    ipcRenderer.answer = () => null
    await bridge.shell.revealAsset(7)
    await bridge.shell.openAsset(8)
    await bridge.shell.dragOut([8, 9])
    expect(ipcRenderer.invocations).toEqual([
      { channel: IPC_CHANNELS.revealAsset, args: [7] },
      { channel: IPC_CHANNELS.openAsset, args: [8] },
      { channel: IPC_CHANNELS.dragOut, args: [[8, 9]] },
    ])
  })

  it('forwards core events as (event, payload), without the IpcRendererEvent', () => {
    const listener = vi.fn()
    bridge.subscribe(listener)
    const payload = { roots: [] }
    ipcRenderer.deliver(IPC_CHANNELS.event, { event: 'roots.changed', payload })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener.mock.calls[0]).toEqual(['roots.changed', payload])
  })

  it('stops forwarding after unsubscribe', () => {
    const listener = vi.fn()
    const unsubscribe = bridge.subscribe(listener)
    unsubscribe()
    ipcRenderer.deliver(IPC_CHANNELS.event, { event: 'roots.changed', payload: { roots: [] } })
    expect(listener).not.toHaveBeenCalled()
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.event)).toBe(0)
  })
})
