// node --import tsx test/bench/probes/scan-insert.probe.ts <tree> [variant...]
// Where a cold index's database time goes, without the walk: walks the tree once (untimed),
// then replays its folders into a fresh library the way the scan worker does (ScanSession:
// batches, inserts, reconcile, queueing the discovered files, rebuilding deferred indexes).
// A variant is `current`, or `+`-joined `pragma:<pragma>` / `exec:<sql>` / `drop:<index>`
// changes tried on top of it (`exec:` runs on the fresh library first, e.g. a DROP TRIGGER);
// a dropped index is built again at the end (phase `rebuild`), as a bulk load that deferred it
// would. Wall and CPU time (ms) per phase, one line per variant.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../../src/main/db/connection'
import { AssetIndexRepository } from '../../../src/main/repositories/asset-index.repository'
import { ScanSession } from '../../../src/main/scan/scan-engine'
import { walkTree, type FoundFile } from '../../../src/main/scan/walk'

const tree = process.argv[2]!
const variants = process.argv.slice(3)
const folders: Array<[string, FoundFile[]]> = []
walkTree({
  root: tree,
  exclusions: [],
  indexAllFiles: false,
  sink: {
    folder: (dir, files) => folders.push([dir, files]),
    unreadable: () => {},
    tick: () => {},
  },
})

const cpu = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since)
  return Math.round((used.user + used.system) / 1000)
}

for (const variant of variants.length ? variants : ['current']) {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-scan-insert-'))
  const changes = variant.split('+')
  const t0 = performance.now()
  const db = openDatabase(join(dir, 'library.db'))
  const open = performance.now() - t0
  db.pragma('cache_size = -65536')
  db.pragma('wal_autocheckpoint = 10000')
  db.pragma('temp_store = MEMORY')
  for (const c of changes) if (c.startsWith('pragma:')) db.pragma(c.slice(7))
  for (const c of changes) if (c.startsWith('exec:')) db.exec(c.slice(5))
  const dropped: string[] = []
  for (const c of changes.filter((c) => c.startsWith('drop:'))) {
    const name = c.slice(5)
    const row = db
      .prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE name = ?')
      .get(name)
    if (!row) throw new Error(`no index ${name}`)
    dropped.push(row.sql)
    db.exec(`DROP INDEX ${name}`)
  }
  db.prepare(
    `INSERT INTO roots (path, label, kind, status, created_at, updated_at)
     VALUES (?, 'Bench', 'local', 'online', 1, 1)`,
  ).run(tree)
  db.prepare(`INSERT INTO scans (root_id, status, started_at) VALUES (1, 'running', 1)`).run()
  const repo = new AssetIndexRepository(db)
  const session = new ScanSession(
    repo,
    {
      rootId: 1,
      rootPath: tree,
      scanId: 1,
      exclusions: [],
      indexAllFiles: false,
      network: false,
      identity: { device: null, wasMountPoint: false },
      confirmEmpty: false,
    },
    () => {},
  )
  const phases: Record<string, { ms: number; cpu: number }> = {}
  const time = (name: string, work: () => unknown): void => {
    const t = performance.now()
    const c = process.cpuUsage()
    work()
    phases[name] = { ms: Math.round(performance.now() - t), cpu: cpu(c) }
  }
  time('folders', () => {
    session.begin()
    for (const [d, files] of folders) session.folder(d, files)
  })
  time('finish', () => session.finish())
  time('restore', () => repo.restoreIndexes())
  time('rebuild', () => repo.transaction(() => dropped.forEach((sql) => db.exec(sql))))
  time('checkpoint', () => db.pragma('wal_checkpoint(PASSIVE)'))
  db.close()
  rmSync(dir, { recursive: true, force: true })
  console.log(variant, JSON.stringify({ open: Math.round(open), ...phases }))
}
