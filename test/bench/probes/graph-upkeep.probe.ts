// node --import tsx test/bench/probes/graph-upkeep.probe.ts [rows = 100000]
// What keeping `contains` edges as rows would cost the scanner: inserts asset rows the way the
// scanner does (50-row INSERT statements, 1,000 rows a transaction, its ON CONFLICT clause)
// into a library at the current schema, and into one where a trigger also writes each new
// asset's `contains` edge into `links`. Alternates the two 3 times. Prints one JSON line.
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

function library(withEdges: boolean): Db {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-upkeep-'))
  dirs.push(dir)
  const db = openDatabase(join(dir, 'library.db'))
  db.prepare(
    `INSERT INTO roots (path, label, kind, status, created_at, updated_at)
     VALUES ('/bench', 'Bench', 'local', 'online', 1, 1)`,
  ).run()
  if (withEdges) db.exec(EDGE_TRIGGER)
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

const runs = { plain: [] as number[], edges: [] as number[] }
for (let i = 0; i < 3; i++) {
  runs.plain.push(insertAll(library(false)))
  runs.edges.push(insertAll(library(true)))
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!
const usPerRow = (xs: number[]) => Math.round((median(xs) * 1000 * 100) / ROWS) / 100
const report = {
  rows: ROWS,
  plainUsPerRow: usPerRow(runs.plain),
  withContainsEdgeUsPerRow: usPerRow(runs.edges),
  ratio: Math.round((median(runs.edges) / median(runs.plain)) * 100) / 100,
}
for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
process.stdout.write(`${JSON.stringify(report)}\n`)
