import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/db/connection'
import {
  DEFERRABLE_INDEXES,
  DeferredIndexesRepository,
} from '../../src/main/repositories/deferred-indexes.repository'
import { testCore } from '../support/core'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

const indexesOf = (db: Db): string[] =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)")
      .all(...DEFERRABLE_INDEXES) as { name: string }[]
  )
    .map((r) => r.name)
    .sort()

const noteOf = (db: Db): unknown =>
  db.prepare("SELECT value FROM settings WHERE key = 'scan.deferredIndexes'").get()

describe('the indexes a bulk load defers', () => {
  it('are dropped during a first scan of many files and whole again when it completes', async () => {
    const folder = tempDir('marquee-bulk-')
    const files: Record<string, string> = {}
    for (let d = 0; d < 30; d++) for (let i = 0; i < 100; i++) files[`d${d}/f${i}.jpg`] = `${i}`
    writeTree(folder, files)
    const core = testCore()
    const dropped: string[][] = []
    // A second connection watches the schema while the scan worker writes through its own.
    const watcher = new Database(core.paths.databasePath, { readonly: true })
    const stop = core.events.subscribe((event) => {
      if (event === 'scan.progress') dropped.push(indexesOf(watcher))
    })
    // Progress events alone can miss the window: the worker may restore the indexes before the
    // main thread reads its last message. So the schema is also read every millisecond or so.
    let timer: NodeJS.Timeout | undefined
    const look = (): void => {
      dropped.push(indexesOf(watcher))
      timer = setTimeout(look, 1)
    }
    look()
    const root = await core.services.roots.add({ path: folder })
    const result = await core.services.scan.scan(root.id)
    clearTimeout(timer)
    stop()
    watcher.close()
    expect(result).toMatchObject({ status: 'completed', added: 3000 })
    expect(dropped.some((names) => names.length === 0)).toBe(true)
    expect(indexesOf(core.db)).toEqual([...DEFERRABLE_INDEXES].sort())
    expect(noteOf(core.db)).toBeUndefined()
    // The gallery's name order still uses them.
    const plan = core.db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM assets ORDER BY lower(name), id LIMIT 5')
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('assets_name')
  })

  it('are built again by the next owner when the process died with them dropped', async () => {
    const dataDir = tempDir('marquee-data-')
    const core = testCore(dataDir)
    const path = core.paths.databasePath
    await core.close()
    const db = openDatabase(path)
    expect(new DeferredIndexesRepository(db).defer(Date.now())).toBe(true)
    expect(indexesOf(db)).toEqual([])
    // A second defer (another scan at the same time) leaves the note of the first alone.
    expect(new DeferredIndexesRepository(db).defer(Date.now())).toBe(false)
    db.close()

    const next = testCore(dataDir)
    expect(indexesOf(next.db)).toEqual([...DEFERRABLE_INDEXES].sort())
    expect(noteOf(next.db)).toBeUndefined()
    expect(next.db.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('are kept up to date as usual when a folder joins a library much bigger than it', async () => {
    const core = testCore()
    const big = tempDir('marquee-big-')
    const files: Record<string, string> = {}
    for (let d = 0; d < 50; d++) for (let i = 0; i < 100; i++) files[`d${d}/f${i}.jpg`] = `${i}`
    writeTree(big, files)
    await core.services.scan.scan((await core.services.roots.add({ path: big })).id)
    const small = tempDir('marquee-small-')
    const few: Record<string, string> = {}
    for (let d = 0; d < 21; d++) for (let i = 0; i < 100; i++) few[`d${d}/f${i}.jpg`] = `${i}`
    writeTree(small, few)
    const dropped: string[][] = []
    const stop = core.events.subscribe((event) => {
      if (event === 'scan.progress') dropped.push(indexesOf(core.db))
    })
    const result = await core.services.scan.scan(
      (await core.services.roots.add({ path: small })).id,
    )
    stop()
    // 2,100 new files against 5,000 rows: rebuilding would cost more than it saves.
    expect(result).toMatchObject({ status: 'completed', added: 2100 })
    expect(dropped.length).toBeGreaterThan(0)
    expect(dropped.every((names) => names.length === DEFERRABLE_INDEXES.length)).toBe(true)
  })
})
