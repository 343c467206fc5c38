import { afterEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../src/main/events'
import {
  AssetChangesService,
  CHANGE_BATCH_MS,
  MAX_BATCH_IDS,
} from '../../src/main/services/asset-changes.service'
import type { AssetChange, ScanProgress } from '../../src/shared/domain'

function feed() {
  const events = new EventBus()
  const batches: AssetChange[] = []
  events.subscribe((event, payload) => {
    if (event === 'assets.changed') batches.push(payload as AssetChange)
  })
  return { events, batches, changes: new AssetChangesService(events) }
}

const scanDone = (added: number): ScanProgress => ({
  rootId: 1,
  phase: 'done',
  seen: 10,
  added,
  changed: 0,
  moved: 0,
  missing: 0,
  restored: 0,
  rate: 0,
})

describe('asset change batches', () => {
  afterEach(() => vi.useRealTimers())

  it('sends what changed at most four times a second, each id once', () => {
    vi.useFakeTimers()
    const { batches, changes } = feed()
    for (let i = 0; i < 500; i++) changes.changedIds([i % 50])
    changes.removedIds([7])
    changes.addedIds([900])
    expect(batches).toEqual([])
    vi.advanceTimersByTime(CHANGE_BATCH_MS)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.changed).toHaveLength(49)
    expect(batches[0]).toMatchObject({ added: [900], removed: [7], resync: false })
    changes.changedIds([1])
    vi.advanceTimersByTime(CHANGE_BATCH_MS - 1)
    expect(batches).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(batches[1]).toEqual({ changed: [1], added: [], removed: [], resync: false })
    changes.close()
  })

  it('says "resync" instead of listing more ids than a renderer should process', () => {
    vi.useFakeTimers()
    const { batches, changes } = feed()
    changes.changedIds(Array.from({ length: MAX_BATCH_IDS + 1 }, (_, i) => i))
    vi.advanceTimersByTime(CHANGE_BATCH_MS)
    expect(batches).toEqual([{ changed: [], added: [], removed: [], resync: true }])
    changes.close()
  })

  it('asks for a resync after a scan that found something, not after one that found nothing', () => {
    vi.useFakeTimers()
    const { events, batches, changes } = feed()
    events.emit('scan.progress', scanDone(0))
    vi.advanceTimersByTime(CHANGE_BATCH_MS)
    expect(batches).toEqual([])
    events.emit('scan.progress', scanDone(3))
    vi.advanceTimersByTime(CHANGE_BATCH_MS)
    expect(batches).toEqual([{ changed: [], added: [], removed: [], resync: true }])
    changes.close()
  })
})
