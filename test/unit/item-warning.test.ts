import { describe, expect, it } from 'vitest'
import type { CollectionItem, ItemIntegration } from '../../src/shared/domain'
import { itemWarning } from '../../src/renderer/src/components/collections/item-warning'
import { webAddressProblem } from '../../src/renderer/src/components/collections/web-address'

const base: CollectionItem = {
  id: 1,
  kind: 'integration',
  assetId: null,
  url: null,
  integration: null,
  position: 1,
  durationMs: null,
  effectiveDurationMs: 10_000,
  name: 'Now playing',
  type: 'integration',
  status: 'ready',
  sha256: null,
  offline: false,
  error: null,
}

const withIntegration = (patch: Partial<ItemIntegration>): CollectionItem => ({
  ...base,
  integration: {
    id: 3,
    kind: 'spotify',
    name: 'Now playing',
    status: 'connected',
    staleSince: null,
    hasData: true,
    ...patch,
  },
})

describe('what the playlist view warns about for web page and integration items', () => {
  it('warns about integrations that need connecting, have no data, are stale or paused', () => {
    expect(itemWarning(withIntegration({}))).toBeNull()
    expect(itemWarning(withIntegration({ status: 'needs-auth', hasData: false }))).toMatch(
      /Not connected/,
    )
    expect(itemWarning(withIntegration({ status: 'needs-reauth' }))).toMatch(/re-authorisation/)
    expect(itemWarning(withIntegration({ hasData: false }))).toMatch(/No data yet/)
    expect(itemWarning(withIntegration({ status: 'error', staleSince: 1 }))).toMatch(/^Stale since/)
    expect(itemWarning(withIntegration({ status: 'paused' }))).toMatch(/Paused/)
    expect(itemWarning({ ...base, kind: 'url', url: 'https://a.test/', type: 'url' })).toBeNull()
  })

  it('checks an address before asking the core', () => {
    expect(webAddressProblem('https://example.com/menu')).toBeNull()
    expect(webAddressProblem('')).toMatch(/Enter the address/)
    expect(webAddressProblem('example.com')).toMatch(/not a web address/)
    expect(webAddressProblem('data:text/html,hi')).toMatch(/Only http and https/)
  })
})
