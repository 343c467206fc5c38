// node --import tsx test/bench/probes/graph-ops.probe.ts [assets = 100000] [data dir] [keep]
// Generates a library of rows (no files) with every relation the graph walks — about 5 edges an
// asset — then times the graph's calls through the dispatcher, as the CLI and the UI make them:
// neighbours at depth 2 of assets and folders, impact of assets, folders and the root, the
// shortest path between assets 4 hops apart, and what the links trigger adds to removing assets.
// With `keep`, a library already generated in the data dir is reused (and the removal, which
// changes it, is left out). Prints one JSON line.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MethodArgs, MethodName } from '../../../src/shared/contract'
import { createCore } from '../../../src/main/app'
import { silentLogger } from '../../../src/main/logger'
import { sourceWorkers } from '../../support/workers'

const N = Number(process.argv[2] ?? 100_000)
const dataDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'marquee-graph-'))
const keep = process.argv[4] === 'keep'
const cached = keep && existsSync(join(dataDir, 'library.db'))
const PER_FOLDER = 100
const FOLDERS_PER_SHOW = 10
const SAMPLES = 40

let seed = 7
const rnd = (n: number) => {
  // xorshift32: integer steps, so no precision is lost (a float LCG repeats soon).
  seed ^= seed << 13
  seed ^= seed >>> 17
  seed ^= seed << 5
  return Math.floor(((seed >>> 0) / 2 ** 32) * n)
}

const core = createCore({ dataDir, face: 'cli', workers: sourceWorkers, logger: silentLogger })
const db = core.db

function generate() {
  const started = performance.now()
  if (!cached) fill()
  return { ms: Math.round(performance.now() - started), cached, edges: edgeCounts() }
}

function fill() {
  db.prepare(
    `INSERT INTO roots (path, label, kind, status, created_at, updated_at)
     VALUES ('/bench/lib', 'Bench', 'local', 'online', 1, 1)`,
  ).run()
  const asset = db.prepare(
    `INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, type, status, sha256,
       created_at, updated_at) VALUES (1, ?, ?, 'jpg', 1000, 1, 'image', 'ready', ?, 1, 1)`,
  )
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const folder = Math.floor(i / PER_FOLDER)
      const dir = `show-${Math.floor(folder / FOLDERS_PER_SHOW)}/part-${folder % FOLDERS_PER_SHOW}`
      // One file in 20 is a copy of the file before it.
      const sha = (i % 20 === 1 ? i - 1 : i).toString(16).padStart(64, '0')
      asset.run(dir, `slide-${i}.jpg`, sha)
    }
  })()
  const collection = db.prepare(
    `INSERT INTO collections (kind, name, created_at, updated_at) VALUES ('playlist', ?, 1, 1)`,
  )
  const item = db.prepare(
    `INSERT INTO collection_items (collection_id, asset_id, position, added_at) VALUES (?, ?, ?, 1)`,
  )
  const bundle = db.prepare(
    `INSERT INTO bundles (id, name, dir, profile, objects, bytes, copied, skipped, transcoded,
       verified, duration_ms, created_at) VALUES (?, ?, ?, 'hd', 0, 0, 0, 0, 0, 1, 1, ?)`,
  )
  const bundleItem = db.prepare(
    `INSERT OR IGNORE INTO bundle_items (bundle_id, asset_id, object_sha256) VALUES (?, ?, 'x')`,
  )
  const link = db.prepare(
    `INSERT OR IGNORE INTO links (source, source_kind, source_num, source_text, target,
       target_kind, target_num, target_text, relation, created_at)
     VALUES (?, 'asset', ?, '', ?, 'asset', ?, '', ?, 1)`,
  )
  db.transaction(() => {
    // ~5 edges an asset, as the library has: each asset in 1.5 playlist items (playlists
    // of 150) and 1.5 bundles (bundles of 1,500), a user link per asset, besides its folder.
    for (let c = 1; c <= N / 100; c++) {
      collection.run(`Playlist ${c}`)
      for (let p = 0; p < 150; p++) item.run(c, 1 + rnd(N), p)
    }
    for (let b = 1; b <= N / 1000; b++) {
      const id = `bundle-${b}`
      bundle.run(id, id, `/usb/${id}`, b)
      for (let k = 0; k < 1500; k++) bundleItem.run(id, 1 + rnd(N))
    }
    for (let l = 0; l < N; l++) {
      const [a, b] = [1 + rnd(N), 1 + rnd(N)]
      link.run(`asset:${a}`, a, `asset:${b}`, b, l % 10 === 0 ? 'replaces' : 'related_to')
    }
  })()
}

function edgeCounts() {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number
  const edges = {
    contains:
      N + count('SELECT count(DISTINCT dir) FROM assets') + N / PER_FOLDER / FOLDERS_PER_SHOW,
    duplicate_of:
      2 *
      count(`SELECT count(*) FROM assets a JOIN assets b
      ON b.sha256 = a.sha256 AND b.id > a.id`),
    includes: count('SELECT count(*) FROM collection_items'),
    exported_in: count('SELECT count(*) FROM bundle_items'),
    links: count('SELECT count(*) FROM links'),
  }
  return { ...edges, total: Object.values(edges).reduce((a, b) => a + b, 0) }
}

async function call<M extends MethodName>(method: M, args: MethodArgs<M>) {
  const response = await core.dispatch(method, args)
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
  return response.result
}

/**
 * Wall and CPU time of `samples` calls. The machine is shared: CPU time (user + system of this
 * process; the calls are synchronous SQLite) shows the work itself when other processes queue
 * for the cores, and wall time what a user waits.
 */
async function timed<M extends MethodName>(
  method: M,
  argsOf: (i: number) => MethodArgs<M>,
  samples = SAMPLES,
) {
  const times: number[] = []
  const cpu: number[] = []
  let size = 0
  for (let i = 0; i < samples; i++) {
    const started = performance.now()
    const cpuStart = process.cpuUsage()
    const result = (await call(method, argsOf(i))) as unknown as Record<string, unknown>
    const used = process.cpuUsage(cpuStart)
    times.push(performance.now() - started)
    cpu.push((used.user + used.system) / 1000)
    const list = result.neighbours ?? result.steps ?? result.collections
    size += Array.isArray(list) ? list.length : 0
  }
  times.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 100) / 100
  return {
    medianMs: round(times[Math.floor(samples / 2)]!),
    p95Ms: round(times[Math.floor(samples * 0.95)]!),
    maxMs: round(times.at(-1)!),
    cpuMedianMs: round(cpu[Math.floor(samples / 2)]!),
    meanResult: round(size / samples),
  }
}

const randomAsset = () => `asset:${1 + rnd(N)}`
const randomFolder = () => {
  const f = rnd(N / PER_FOLDER)
  return `folder:1:show-${Math.floor(f / FOLDERS_PER_SHOW)}/part-${f % FOLDERS_PER_SHOW}`
}

/** Removes `count` assets that have links, with the links trigger and (on copies) without. */
function removalCost(count: number) {
  const ids = db
    .prepare(`SELECT DISTINCT source_num FROM links ORDER BY source_num DESC LIMIT ?`)
    .pluck()
    .all(count * 2) as number[]
  const remove = db.prepare('DELETE FROM assets WHERE id = ?')
  const time = (batch: number[]) => {
    const started = performance.now()
    db.transaction(() => batch.forEach((id) => remove.run(id)))()
    return Math.round(((performance.now() - started) * 1000) / batch.length)
  }
  const withTrigger = time(ids.slice(0, count))
  db.exec('DROP TRIGGER links_asset_gone')
  const without = time(ids.slice(count))
  return { assets: count, withTriggerUsPerAsset: withTrigger, withoutUsPerAsset: without }
}

const generated = generate()
const report = {
  assets: N,
  generated,
  neighboursAssetDepth2: await timed('graph.neighbours', () => ({ node: randomAsset(), depth: 2 })),
  neighboursFolderDepth2: await timed('graph.neighbours', () => ({
    node: randomFolder(),
    depth: 2,
  })),
  impactAsset: await timed('graph.impact', () => ({ node: randomAsset() })),
  impactFolder: await timed('graph.impact', () => ({ node: randomFolder() })),
  // Seconds at 1M: a few samples say enough.
  impactRoot: await timed('graph.impact', () => ({ node: 'root:1' }), 5),
  // Two files in sibling folders of one show: file ← part ← show → part → file.
  path4Hops: await timed('graph.path', (i) => {
    const show = i % Math.max(1, Math.floor(N / PER_FOLDER / FOLDERS_PER_SHOW))
    const first = show * FOLDERS_PER_SHOW * PER_FOLDER + 1 + (i % PER_FOLDER)
    return {
      from: `asset:${first}`,
      to: `asset:${first + PER_FOLDER * 3 + 7}`,
      relations: ['contains'],
    }
  }),
  pathAnyRelation: await timed('graph.path', () => ({ from: randomAsset(), to: randomAsset() })),
  removal: keep ? null : removalCost(Math.min(5000, N / 20)),
}
await core.close()
if (process.argv[3] === undefined) rmSync(dataDir, { recursive: true, force: true })
process.stdout.write(`${JSON.stringify(report)}\n`)
