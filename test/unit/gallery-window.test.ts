import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AssetRow } from '../../src/shared/domain'
import {
  followsProcessing,
  PAGE_SIZE,
  PageWindow,
  type PageAnswer,
  type PageRequest,
} from '../../src/renderer/src/lib/gallery-window'

const row = (id: number): AssetRow => ({
  id,
  rootId: 1,
  dir: '',
  name: `a-${id}.jpg`,
  type: 'image',
  status: 'ready',
  size: 1,
  width: 10,
  height: 10,
  durationMs: null,
  mtimeMs: 0,
  dateMs: 0,
  sha256: null,
  variants: [],
  rating: null,
  tagIds: [],
  error: null,
})

/** A core that answers only when told to, so tests choose the order answers arrive in. */
function fakeCore(version = { n: 0 }) {
  const calls: Array<{ request: PageRequest; answer: () => void }> = []
  const fetchPage = (request: PageRequest) =>
    new Promise<PageAnswer>((resolve) => {
      const items = Array.from({ length: request.limit }, (_, k) => row(request.offset + k))
      calls.push({
        request,
        answer: () => resolve({ items, next: `c${request.offset + request.limit}.${version.n}` }),
      })
    })
  return { calls, fetchPage }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('the gallery page window', () => {
  afterEach(() => vi.useRealTimers())

  it('fetches only the pages in view, then their neighbours, two at a time', async () => {
    const core = fakeCore()
    const window = new PageWindow({ ...core, onPage: () => {}, onError: () => {} })
    window.setView(100_000, 100_150)
    expect(core.calls.map((c) => c.request.offset)).toEqual([100_000, 100_200])
    core.calls[0]!.answer()
    await settle()
    expect(window.rowAt(100_042)?.id).toBe(100_042)
    expect(core.calls.map((c) => c.request.offset)).toEqual([100_000, 100_200, 99_800])
  })

  it('continues from the previous page’s cursor when it has it', async () => {
    const core = fakeCore()
    const window = new PageWindow({ ...core, onPage: () => {}, onError: () => {}, concurrency: 1 })
    window.setView(0, 10)
    core.calls[0]!.answer()
    await settle()
    expect(core.calls[1]!.request).toEqual({ offset: PAGE_SIZE, limit: PAGE_SIZE, after: 'c200.0' })
  })

  it('waits for a dragged scrollbar to settle before fetching', () => {
    vi.useFakeTimers()
    const core = fakeCore()
    const window = new PageWindow({ ...core, onPage: () => {}, onError: () => {} })
    for (let i = 0; i < 20; i++) window.setView(i * 40_000, i * 40_000 + 150, true)
    expect(core.calls).toHaveLength(0)
    vi.advanceTimersByTime(200)
    // Only where it stopped: its page, then the next one.
    expect(core.calls.map((c) => c.request.offset)).toEqual([760_000, 760_200])
  })

  it('evicts pages far from the view and drops answers for places the view left', async () => {
    const core = fakeCore()
    const dropped: number[] = []
    const window = new PageWindow({
      ...core,
      onPage: (p) => dropped.push(p),
      onError: () => {},
      keep: 2,
    })
    window.setView(0, 10)
    core.calls[0]!.answer()
    await settle()
    expect(window.has(0)).toBe(true)
    window.setView(500_000, 500_010)
    expect(window.has(0)).toBe(false)
    core.calls[1]!.answer() // page 1, asked for before the jump
    await settle()
    expect(window.has(1)).toBe(false)
    expect(window.loadedPages()).toEqual([])
  })

  it('ignores answers to a query that was replaced', async () => {
    const core = fakeCore()
    const window = new PageWindow({ ...core, onPage: () => {}, onError: () => {} })
    window.setView(0, 10)
    window.reset()
    core.calls[0]!.answer()
    await settle()
    expect(window.rowAt(0)).toBeUndefined()
  })

  it('fetches again only the loaded pages that hold changed assets', async () => {
    const core = fakeCore()
    const window = new PageWindow({ ...core, onPage: () => {}, onError: () => {} })
    window.setView(0, 450)
    for (const call of core.calls) call.answer()
    await settle()
    for (const call of core.calls.slice(2)) call.answer()
    await settle()
    expect(window.loadedPages()).toEqual([0, 1, 2, 3])
    const before = core.calls.length
    window.refreshIds([250, 999_999])
    expect(core.calls.slice(before).map((c) => c.request.offset)).toEqual([200])
    // The old rows stay on screen until the new ones arrive.
    expect(window.rowAt(250)?.id).toBe(250)
  })

  it('recounts on processed changes only for queries processing can reshape', () => {
    expect(followsProcessing({ sort: 'name', rootId: 1, types: ['image'] })).toBe(false)
    expect(followsProcessing({ sort: 'name', group: 'folder' })).toBe(false)
    expect(followsProcessing({ sort: 'name', statuses: ['queued'] })).toBe(true)
    expect(followsProcessing({ sort: 'name', text: 'lobby' })).toBe(true)
    expect(followsProcessing({ sort: 'name', integrity: 'changed' })).toBe(true)
    expect(followsProcessing({ sort: 'name', color: '#1040c0' })).toBe(true)
    expect(followsProcessing({})).toBe(true) // by date, which metadata fills in
    expect(followsProcessing({ sort: 'rating', group: 'folder' })).toBe(false)
  })
})
