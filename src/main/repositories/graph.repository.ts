import type Database from 'better-sqlite3'
import type { Db } from '../db/connection'
import type { GraphLink, ImpactResult } from '../../shared/graph'
import type { GraphNode } from '../graph/node'
import { IN_FOLDER, impactSql } from '../graph/impact-sql'
import type { LevelNode, LevelRow, StepRow } from '../graph/level-walk'
import { seedsWalkSql, walkSql, type WalkOptions } from '../graph/walk-sql'

/** A row of a graph walk: the same shape the level walk returns. */
export type WalkRow = LevelRow

interface LinkRow {
  source: string
  target: string
  relation: string
  note: string | null
  weight: number
  created_at: number
}

/** Impact lists assets up to this many; `counts` still says how many there are. */
const IMPACT_ASSETS = 1000

/** The graph's SQL: walks (recursive CTEs built by graph/walk-sql.ts), impact, user links. */
export class GraphRepository {
  private readonly walks = new Map<string, Database.Statement>()
  private readonly impacts = new Map<string, Record<string, Database.Statement>>()
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      exists: {
        asset: db.prepare<{ num: number }>('SELECT 1 FROM assets WHERE id = @num'),
        collection: db.prepare<{ num: number }>('SELECT 1 FROM collections WHERE id = @num'),
        root: db.prepare<{ num: number }>('SELECT 1 FROM roots WHERE id = @num'),
        bundle: db.prepare<{ txt: string }>('SELECT 1 FROM bundles WHERE id = @txt'),
        folder: db.prepare<{ num: number; txt: string }>(
          `SELECT 1 FROM assets WHERE ${IN_FOLDER} LIMIT 1`,
        ),
        integration: db.prepare<{ num: number }>('SELECT 1 FROM integrations WHERE id = @num'),
        media: db.prepare<{ txt: string }>('SELECT 1 FROM integration_media WHERE sha256 = @txt'),
        // A rendition exists while its row does and some asset still has that content.
        rendition: db.prepare<{ txt: string }>(
          `SELECT 1 FROM derivatives d WHERE d.sha256 = substr(@txt, 1, 64)
             AND d.variant = substr(@txt, 66)
             AND EXISTS (SELECT 1 FROM assets a WHERE a.sha256 = d.sha256)`,
        ),
      },
      link: db.prepare(
        `INSERT INTO links (source, source_kind, source_num, source_text, target, target_kind,
           target_num, target_text, relation, weight, note, created_at)
         VALUES (@source, @sourceKind, @sourceNum, @sourceText, @target, @targetKind, @targetNum,
           @targetText, @relation, @weight, @note, @createdAt)
         ON CONFLICT (source, relation, target) DO UPDATE SET note = excluded.note,
           weight = excluded.weight`,
      ),
      get: db.prepare<[string, string, string], LinkRow>(
        'SELECT * FROM links WHERE source = ? AND relation = ? AND target = ?',
      ),
      unlink: db.prepare<[string, string, string | null, string | null]>(
        'DELETE FROM links WHERE source = ? AND target = ? AND (relation = ? OR ? IS NULL)',
      ),
    }
  }

  exists(node: GraphNode): boolean {
    const statement = this.s.exists[node.kind] as Database.Statement
    const textOnly = node.kind === 'bundle' || node.kind === 'media' || node.kind === 'rendition'
    return statement.get(textOnly ? { txt: node.text } : params(node)) !== undefined
  }

  /** Rows of a walk from `start`, nearest first, at most `cap` of them (the start included). */
  walk(
    start: GraphNode,
    name: string,
    options: WalkOptions,
    depth: number,
    cap: number,
  ): WalkRow[] {
    const sql = `${walkSql(options)} SELECT node, kind, depth, rel, dir, prev, trail FROM w`
    return this.prepared(sql).all({
      node: name,
      kind: start.kind,
      ...params(start),
      depth,
      cap,
    }) as WalkRow[]
  }

  /** One step (depth 1) from every node of `level`, at most `cap` rows (the level included). */
  step(level: LevelNode[], options: WalkOptions, cap: number): StepRow[] {
    const sql = `${seedsWalkSql(options)} SELECT node, kind, num, txt, rel, dir, prev FROM w WHERE depth = 1`
    return this.prepared(sql).all({
      seeds: JSON.stringify(level.map((n) => [n.node, n.kind, n.num, n.txt])),
      depth: 1,
      cap,
    }) as StepRow[]
  }

  impact(node: GraphNode): Omit<ImpactResult, 'node'> {
    const s = this.impactStatements(node.kind)
    const p = params(node)
    const collections = s.collections!.all(p) as ImpactResult['collections']
    const bundles = s.bundles!.all(p) as ImpactResult['bundles']
    const assets = s.assets!.all({ ...p, limit: IMPACT_ASSETS }) as ImpactResult['assets']
    const assetCount =
      assets.length < IMPACT_ASSETS ? assets.length : (s.assetCount!.get(p) as { n: number }).n
    const integrations = (s.integrations?.all(p) ?? []) as ImpactResult['integrations']
    const media = s.mediaCount ? (s.mediaCount.get(p) as { n: number }).n : undefined
    return {
      collections,
      bundles,
      integrations,
      assets,
      counts: {
        collections: collections.length,
        bundles: bundles.length,
        integrations: integrations.length,
        assets: assetCount,
        ...(media !== undefined ? { media } : {}),
      },
    }
  }

  link(link: {
    source: GraphNode
    sourceName: string
    target: GraphNode
    targetName: string
    relation: string
    note: string | null
    weight: number
    createdAt: number
  }): GraphLink {
    this.s.link.run({
      source: link.sourceName,
      sourceKind: link.source.kind,
      sourceNum: link.source.num,
      sourceText: link.source.text,
      target: link.targetName,
      targetKind: link.target.kind,
      targetNum: link.target.num,
      targetText: link.target.text,
      relation: link.relation,
      weight: link.weight,
      note: link.note,
      createdAt: link.createdAt,
    })
    const row = this.s.get.get(link.sourceName, link.relation, link.targetName)!
    return {
      source: row.source,
      target: row.target,
      relation: row.relation,
      note: row.note,
      weight: row.weight,
      createdAt: row.created_at,
    }
  }

  /** Removes the edges from source to target (of one relation, or all); answers how many. */
  unlink(source: string, target: string, relation: string | null): number {
    return this.s.unlink.run(source, target, relation, relation).changes
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.walks.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.walks.set(sql, statement)
    }
    return statement
  }

  private impactStatements(kind: GraphNode['kind']): Record<string, Database.Statement> {
    let statements = this.impacts.get(kind)
    if (!statements) {
      const sql = impactSql(kind)
      statements = {
        collections: this.db.prepare(sql.collections),
        bundles: this.db.prepare(sql.bundles),
        assets: this.db.prepare(sql.assets),
        assetCount: this.db.prepare(sql.assetCount),
        ...(sql.integrations ? { integrations: this.db.prepare(sql.integrations) } : {}),
        ...(sql.mediaCount ? { mediaCount: this.db.prepare(sql.mediaCount) } : {}),
      }
      this.impacts.set(kind, statements)
    }
    return statements
  }
}

function params(node: GraphNode): { num: number; txt: string } {
  return { num: node.num, txt: node.text }
}
