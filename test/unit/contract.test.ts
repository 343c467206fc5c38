import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/main/api/handlers'
import { argSchemas } from '../../src/main/api/schemas'
import { EVENT_NAMES, METHOD_NAMES } from '../../src/shared/contract'
import { testCore } from '../support/core'

describe('the contract', () => {
  it('has a handler and an argument schema for every method, and nothing else', () => {
    const core = testCore()
    const handlers = createHandlers(core.services)
    const declared = [...METHOD_NAMES].sort()
    expect(Object.keys(handlers).sort()).toEqual(declared)
    expect(Object.keys(argSchemas).sort()).toEqual(declared)
  })

  it('answers every method through the dispatcher without an INTERNAL or UNKNOWN_METHOD error', async () => {
    const core = testCore()
    const sample: Record<(typeof METHOD_NAMES)[number], unknown> = {
      'app.info': undefined,
      'app.storage': undefined,
      'roots.list': undefined,
      'roots.add': { path: '/definitely/not/here' },
      'roots.remove': { id: 999 },
      'roots.update': { id: 999, label: 'x' },
      'roots.scan': { ids: [999] },
      'assets.page': { text: 'lobby', sort: 'name', limit: 10 },
      'assets.stats': {},
      'assets.groups': { by: 'month' },
      'assets.indexOf': { id: 999 },
      'assets.verify': { rootId: 999 },
      'assets.acceptBytes': { ids: [] },
      'assets.ids': { selection: { query: {} } },
      'folders.tree': { rootId: 999 },
      'assets.update': { selection: { ids: [999] }, rating: 3 },
      'tags.list': undefined,
      'tags.apply': { selection: { query: { types: ['image'] } }, add: ['Lobby'] },
      'assets.list': {},
      'assets.get': { id: 999 },
      'assets.byPath': { path: '/definitely/not/here.jpg' },
      'assets.duplicates': { similar: true },
      'assets.remove': { ids: [999] },
      'jobs.status': undefined,
      'jobs.wait': undefined,
      'jobs.prioritize': { assetIds: [999] },
      'jobs.pause': undefined,
      'jobs.resume': undefined,
      'jobs.cancel': { assetIds: [999] },
      'jobs.retry': { assetIds: [999] },
      'collections.list': { kind: 'playlist' },
      'collections.get': { kind: 'playlist', name: 'nope' },
      'collections.create': { kind: 'album', name: 'Lobby' },
      'collections.add': { kind: 'album', name: 'nope', assetIds: [1] },
      'collections.remove': { kind: 'album', name: 'nope' },
      'collections.rename': { kind: 'album', name: 'nope', newName: 'Lobby' },
      'collections.reorder': { name: 'nope', itemIds: [1] },
      'collections.setDuration': { name: 'nope', itemIds: [1], durationMs: null },
      'collections.removeItems': { kind: 'album', name: 'nope', itemIds: [1] },
      'collections.addSelection': { kind: 'album', name: 'nope', selection: { ids: [1] } },
      'collections.move': { name: 'nope', parent: null },
      'collections.setCover': { kind: 'album', name: 'nope', assetId: null },
      'bundles.verify': { dir: '/nonexistent/bundle' },
      'export.start': { source: { playlist: 'nope' }, profile: 'fhd-h264', out: '/tmp/nope' },
      'export.cancel': { exportId: '2f7c0c3e-9a51-4a47-bb0f-6a9d1b8f0f11' },
      'export.running': undefined,
      'bundles.list': undefined,
      'export.precheck': { source: { playlist: 'nope' }, profile: 'fhd-h264', out: '/tmp/nope' },
      'drives.list': undefined,
      'bundles.history': undefined,
      'import.start': { sources: ['/definitely/not/here.jpg'], into: { rootId: 999 } },
      'import.cancel': { importId: '2f7c0c3e-9a51-4a47-bb0f-6a9d1b8f0f11' },
      'import.status': { importId: '2f7c0c3e-9a51-4a47-bb0f-6a9d1b8f0f11' },
      'import.resume': undefined,
      'import.running': undefined,
      'integrations.list': undefined,
      'integrations.status': undefined,
      'integrations.add': { kind: 'spotify', clientId: 'abc123' },
      'integrations.update': { id: 999, name: 'x' },
      'integrations.remove': { id: 999 },
      'integrations.impact': { id: 999 },
      'tags.ofFolder': { rootId: 999, folder: '' },
      'integrations.auth': { id: 999 },
      'integrations.poll': { id: 999 },
      'integrations.cacheOptimize': { dryRun: true },
      'integrations.cacheValidate': undefined,
      'graph.neighbours': { node: 'asset:1', depth: 2 },
      'graph.path': { from: 'asset:1', to: 'root:1' },
      'graph.impact': { node: 'asset:1' },
      'graph.link': { from: 'asset:1', to: 'asset:2', relation: 'related_to' },
      'graph.unlink': { from: 'asset:1', to: 'asset:2' },
      'profiles.list': undefined,
      'profiles.add': {
        name: 'x',
        maxResolution: '1280x720',
        level: '4.0',
        maxBitRateMbps: 8,
        imageFormat: 'jpeg',
      },
      'profiles.remove': { name: 'nope' },
      'collections.setProfile': { collectionId: 999, profile: 'fhd-h264' },
      'export.compliance': { collectionId: 999 },
      'collections.addItems': { name: 'Nope', items: [{ kind: 'url', url: 'https://a.test/' }] },
      'assets.replace': { oldId: 1, newId: 2 },
      'tags.folder': { rootId: 1, folder: 'Menus', add: ['menu'] },
      'graph.rebuild': undefined,
      'graph.describe': { nodes: ['asset:1'] },
    }
    for (const method of METHOD_NAMES) {
      const response = await core.dispatch(method, sample[method])
      if (!response.ok) expect(['NOT_FOUND', 'INVALID_ARGUMENT']).toContain(response.error.code)
    }
  })

  it('refuses unknown methods and invalid arguments as data, with a code and a sentence', async () => {
    const core = testCore()
    expect(await core.dispatch('roots.drop', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'Marquee has no method called "roots.drop".' },
    })
    const bad = await core.dispatch('roots.remove', { id: 'one' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_ARGUMENT')
      expect(bad.error.message).toMatch(/roots\.remove/)
    }
    const extra = await core.dispatch('roots.add', { path: '/tmp', evil: true })
    expect(extra.ok).toBe(false)
    const nul = await core.dispatch('roots.add', { path: '/tmp\0/x' })
    expect(nul).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('lists every event once', () => {
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length)
  })
})
