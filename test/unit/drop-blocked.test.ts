import { describe, expect, it } from 'vitest'
import { dropBlocked } from '../../src/renderer/src/components/import/drop-blocked'
import type { Root } from '../../src/shared/domain'

const root = (id: number, label: string, status: Root['status'], kind: Root['kind']): Root => ({
  id,
  path: `/media/${label}`,
  label,
  kind,
  status,
  statusReason: status === 'offline' ? 'not there' : null,
  kindSource: 'detected',
  notice: null,
  exclusions: [],
  indexAllFiles: false,
  scanIntervalMs: null,
  inbox: 'Inbox',
  virusScan: false,
  lastScanAt: null,
  createdAt: 0,
  updatedAt: 0,
})

describe('why a drop cannot be taken', () => {
  const lobby = root(1, 'Lobby', 'online', 'local')
  const nas = root(2, 'NAS', 'offline', 'network')

  it('takes drops while some folder can receive them', () => {
    expect(dropBlocked([lobby, nas], undefined)).toBeNull()
    expect(dropBlocked([root(1, 'Lobby', 'scanning', 'local')], undefined)).toBeNull()
    expect(dropBlocked([lobby, nas], lobby)).toBeNull()
  })

  it('says there is no folder yet, and to add one', () => {
    expect(dropBlocked([], undefined)).toMatchObject({
      reason: expect.stringContaining('no library folder yet'),
      advice: expect.stringContaining('Add a folder'),
    })
  })

  it('names every offline folder and says to reconnect the NAS', () => {
    const offline = [nas, root(3, 'Studio', 'offline', 'local')]
    expect(dropBlocked(offline, undefined)).toEqual({
      reason: 'Every library folder is offline (NAS, Studio), so nothing can be imported.',
      advice:
        'Reconnect the NAS or disk (Marquee notices by itself), or add a local folder in Folders.',
    })
  })

  it('refuses the folder shown when it is offline, even if another is online', () => {
    expect(dropBlocked([lobby, nas], nas)?.reason).toBe(
      'NAS is offline, so nothing can be copied into it.',
    )
    expect(dropBlocked([lobby, nas], nas)?.advice).toMatch(/^Reconnect the NAS or share/)
  })

  it('waits for the folder list before judging', () => {
    expect(dropBlocked([], undefined, false)?.reason).toBe('The library is still loading.')
  })
})
