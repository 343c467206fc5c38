import { describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../../src/main/logger'
import { SearchIndexRepository } from '../../src/main/repositories/search-index.repository'
import { SearchIndexService } from '../../src/main/services/search-index.service'
import { testCore } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'

describe('the search index', () => {
  it('indexes new assets in batches after the fact, a bounded number before each search', async () => {
    const core = testCore()
    const rootId = insertRoot(core.db)
    insertAssets(
      core.db,
      rootId,
      Array.from({ length: 12_000 }, (_, i) => ({ name: `poster-${i}.jpg`, dir: 'Lobby' })),
    )
    const repository = new SearchIndexRepository(core.db)
    const search = new SearchIndexService(repository, core.events, silentLogger)
    expect(repository.pending()).toBe(12_000)
    const matches = (): number =>
      (
        core.db
          .prepare(`SELECT count(*) AS n FROM assets_fts WHERE assets_fts MATCH 'lobby'`)
          .get() as { n: number }
      ).n
    search.beforeSearch()
    expect(repository.pending()).toBe(7_000)
    expect(matches()).toBe(5_000)
    core.events.emit('assets.changed', { changed: [], added: [], removed: [], resync: true })
    await vi.waitFor(() => expect(repository.pending()).toBe(0), { timeout: 10_000 })
    expect(matches()).toBe(12_000)
    search.close()
  })

  it('reindexes a renamed asset and forgets a removed one', () => {
    const core = testCore()
    const rootId = insertRoot(core.db)
    const [id] = insertAssets(core.db, rootId, [{ name: 'menu.jpg' }])
    const repository = new SearchIndexRepository(core.db)
    const search = new SearchIndexService(repository, core.events, silentLogger)
    const find = (word: string): number[] =>
      (
        core.db
          .prepare('SELECT rowid AS id FROM assets_fts WHERE assets_fts MATCH ?')
          .all(word) as Array<{ id: number }>
      ).map((r) => r.id)
    search.catchUp()
    expect(find('menu')).toEqual([id])
    core.db.prepare('UPDATE assets SET name = ? WHERE id = ?').run('breakfast.jpg', id)
    search.catchUp()
    expect(find('menu')).toEqual([])
    expect(find('breakfast')).toEqual([id])
    core.db.prepare('DELETE FROM assets WHERE id = ?').run(id)
    expect(find('breakfast')).toEqual([])
    expect(repository.pending()).toBe(0)
    // SQLite reuses the id of the highest row once it is gone: the new row is still indexed.
    const [again] = insertAssets(core.db, rootId, [{ name: 'dessert.jpg' }])
    expect(again).toBe(id)
    search.catchUp()
    expect(find('dessert')).toEqual([id])
    search.close()
  })
})
