// node --import tsx test/bench/probes/graph-upkeep.probe.ts [rows = 100000]
// What the graph's upkeep costs a cold index: inserts asset rows the way the scanner does
// (50-row INSERT statements, 1,000 rows a transaction, its ON CONFLICT clause) into a library
// without the graph's triggers (`plain`), at the current schema (`graph`: the folder-tag
// trigger's probe per row), at the current schema with folder tags on the root (`tagged`: each
// new file is tagged in the same statement), and into one where a trigger would also write each
// new asset's `contains` edge into `links` (`edges`, the design not taken). Alternates them 3
// times. Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../../src/main/db/connection'

const ROWS = Number(process.argv[2] ?? 100_000)
const CHUNK = 50
const BATCH = 1000

const dirs: string[] = []

const EDGE_TRIGGER = `
  CREATE TRIGGER links_contains_insert AFTER INSERT ON assets BEGIN
    INSERT INTO links (source, source_kind, source_num, source_text, target, target_kind,
      target_num, target_text, relation, created_at)
    VALUES (CASE new.dir WHEN '' THEN 'root:' || new.root_id
              ELSE 'folder:' || new.root_id || ':' || new.dir END,
            CASE new.dir WHEN '' THEN 'root' ELSE 'folder' END, new.root_id, new.dir,
            'asset:' || new.id, 'asset', new.id, '', 'contains', new.created_at);
  END;`

// The graph's own triggers (migrations 0009 and 0010); `plain` drops them.
const GRAPH_TRIGGERS = [
  'links_asset_gone',
  'links_collection_gone',
  'links_bundle_gone',
  'links_root_gone',
  'links_root_folders_gone',
  'folder_tags_arrive',
  'folder_tags_move',
]

type Variant = 'plain' | 'graph' | 'tagged' | 'edges'

function library(variant: Variant): Db {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-upkeep-'))
  dirs.push(dir)
  const db = openDatabase(join(dir, 'library.db'))
  db.prepare(
    `INSERT INTO roots (path, label, kind, status, created_at, updated_at)
     VALUES ('/bench', 'Bench', 'local', 'online', 1, 1)`,
  ).run()
  if (variant === 'plain')
    for (const name of GRAPH_TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${name}`)
  if (variant === 'tagged') {
    db.prepare(`INSERT INTO tags (name, created_at) VALUES ('show', 1), ('part', 1)`).run()
    db.prepare(
      `INSERT INTO folder_tags (root_id, dir, tag_id, created_at)
       VALUES (1, '', 1, 1), (1, 'show-3', 2, 1), (1, 'show-7/part-2', 2, 1)`,
    ).run()
  }
  if (variant === 'edges') db.exec(EDGE_TRIGGER)
  return db
}

function insertAll(db: Db): number {
  const values = Array.from(
    { length: CHUNK },
    () => `(1, ?, ?, 'jpg', ?, 1, ?, NULL, 'image',
    'discovered', 1, 1, 1)`,
  ).join(', ')
  const insert = db.prepare(
    `INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, inode, device, type, status,
       created_scan, created_at, updated_at) VALUES ${values}
     ON CONFLICT (root_id, dir, name) DO NOTHING`,
  )
  const started = performance.now()
  for (let batch = 0; batch < ROWS; batch += BATCH)
    db.transaction(() => {
      for (let chunk = batch; chunk < batch + BATCH; chunk += CHUNK) {
        const params: unknown[] = []
        for (let i = chunk; i < chunk + CHUNK; i++)
          params.push(
            `show-${Math.floor(i / 1000)}/part-${Math.floor(i / 100) % 10}`,
            `f${i}.jpg`,
            i,
            String(i),
          )
        insert.run(...params)
      }
    })()
  const ms = performance.now() - started
  db.close()
  return ms
}

const VARIANTS: Variant[] = ['plain', 'graph', 'tagged', 'edges']
const runs: Record<Variant, number[]> = { plain: [], graph: [], tagged: [], edges: [] }
for (let i = 0; i < 3; i++) for (const v of VARIANTS) runs[v].push(insertAll(library(v)))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!
const usPerRow = (xs: number[]) => Math.round((median(xs) * 1000 * 100) / ROWS) / 100
const ratio = (v: Variant) => Math.round((median(runs[v]) / median(runs.plain)) * 1000) / 1000
const report = {
  rows: ROWS,
  usPerRow: Object.fromEntries(VARIANTS.map((v) => [v, usPerRow(runs[v])])),
  ratio: { graph: ratio('graph'), tagged: ratio('tagged'), edges: ratio('edges') },
}
for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
process.stdout.write(`${JSON.stringify(report)}\n`)
