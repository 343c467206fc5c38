import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { impactSql } from '../../src/main/graph/impact-sql'
import { walkSql } from '../../src/main/graph/walk-sql'
import { NODE_KINDS } from '../../src/shared/graph'

const PARAMS = { node: 'asset:1', kind: 'asset', num: 1, txt: '', depth: 2, cap: 10, limit: 5 }

function plan(db: Database.Database, sql: string): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(PARAMS) as Array<{ detail: string }>).map(
    (row) => row.detail,
  )
}

describe('the graph SQL', () => {
  it('reads every table of a walk through an index, never a whole table', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS)
    for (const direction of ['out', 'in', 'both'] as const) {
      const steps = plan(db, `${walkSql({ relations: undefined, direction })} SELECT * FROM w`)
      const scans = steps.filter((s) => /^SCAN /.test(s) && !/^SCAN (w\b|CONSTANT ROW)/.test(s))
      expect(scans, direction).toEqual([])
      expect(steps.join('\n')).toMatch(/SEARCH .*collection_items/)
    }
  })

  it('answers the impact of an asset and a folder through indexes', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS)
    for (const kind of ['asset', 'folder'] as const) {
      const sql = impactSql(kind)
      for (const [name, text] of Object.entries(sql)) {
        const scans = plan(db, text).filter((s) =>
          /^SCAN (assets|collection_items|bundle_items|links)\b/.test(s),
        )
        expect(scans, `${kind} ${name}`).toEqual([])
      }
    }
    // Library kinds answer four statements; integration and media add who references them.
    expect(NODE_KINDS.map((kind) => Object.keys(impactSql(kind)).length)).toEqual([
      4, 4, 4, 4, 4, 6, 5, 4,
    ])
    for (const kind of ['integration', 'media', 'rendition'] as const)
      for (const [name, text] of Object.entries(impactSql(kind))) {
        const scans = plan(db, text).filter((s) =>
          /^SCAN (collection_items|integration_media_refs|integrations|bundles)\b/.test(s),
        )
        expect(scans, `${kind} ${name}`).toEqual([])
      }
  })

  it('walks derived_from and fetched_by through indexes, and only when asked', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS)
    const relations = ['derived_from', 'fetched_by']
    for (const direction of ['out', 'in', 'both'] as const) {
      const steps = plan(db, `${walkSql({ relations, direction })} SELECT * FROM w`)
      const scans = steps.filter((s) => /^SCAN /.test(s) && !/^SCAN (w\b|CONSTANT ROW)/.test(s))
      expect(scans, direction).toEqual([])
    }
    const all = walkSql({ relations: undefined, direction: 'both' })
    expect(all).not.toContain('derivatives')
    expect(all).not.toContain('integration_media_refs')
  })

  it('refuses a relation name that is not a plain name, whoever calls', () => {
    expect(() => walkSql({ relations: ["x') OR 1 --"], direction: 'both' })).toThrow(
      /is not a relation name/,
    )
    expect(walkSql({ relations: ['contains', 'shot_with'], direction: 'out' })).toContain(
      "l.relation IN ('shot_with')",
    )
    expect(walkSql({ relations: ['contains'], direction: 'out' })).not.toContain('links')
  })
})
