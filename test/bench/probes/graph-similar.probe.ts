// node --import tsx test/bench/probes/graph-similar.probe.ts <data dir of graph-ops.probe.ts … keep>
// similar_to in the graph (issue 12): gives the generated library pHashes (groups of 5 files
// whose hashes differ in a few bits, so most files have 4 similar ones), then times walks with
// similar_to (level by level: one SQL step a level plus the in-memory index) against the same
// walks without it (one recursive SQL query), and what storing the edges instead would cost when
// pHashes are computed (one index query and the rows written for each processed image).
// Prints one JSON line.
import type { MethodArgs, MethodName } from '../../../src/shared/contract'
import {
  DERIVED_RELATIONS,
  ON_REQUEST_RELATIONS,
  STORED_RELATIONS,
} from '../../../src/shared/graph'
import { createCore } from '../../../src/main/app'
import { silentLogger } from '../../../src/main/logger'
import { phashToHex, SimilarityIndex } from '../../../src/main/media/phash'
import { sourceWorkers } from '../../support/workers'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('Give the data dir of a graph-ops probe run with keep.')
const SAMPLES = 20
const GROUP = 5

let seed = 11
const rnd = (n: number) => {
  seed ^= seed << 13
  seed ^= seed >>> 17
  seed ^= seed << 5
  return Math.floor(((seed >>> 0) / 2 ** 32) * n)
}
const random64 = () => (BigInt(rnd(2 ** 32)) << 32n) | BigInt(rnd(2 ** 32))

const core = createCore({ dataDir, face: 'cli', workers: sourceWorkers, logger: silentLogger })
const db = core.db
const N = db.prepare('SELECT max(id) FROM assets').pluck().get() as number

function givePhashes(): { ms: number; hashes: Map<number, bigint> } {
  const started = performance.now()
  seed = 11
  const hashes = new Map<number, bigint>()
  const set = db.prepare('UPDATE assets SET phash = ? WHERE id = ?')
  db.transaction(() => {
    let base = 0n
    for (let id = 1; id <= N; id++) {
      if ((id - 1) % GROUP === 0) base = random64()
      let hash = base
      for (let k = 0; k < 3; k++) hash ^= 1n << BigInt(rnd(64))
      hashes.set(id, hash)
      set.run(phashToHex(hash), id)
    }
  })()
  return { ms: Math.round(performance.now() - started), hashes }
}

async function call<M extends MethodName>(method: M, args: MethodArgs<M>) {
  const response = await core.dispatch(method, args)
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
  return response.result
}

async function timed<M extends MethodName>(method: M, argsOf: (i: number) => MethodArgs<M>) {
  const times: number[] = []
  let size = 0
  let similar = 0
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now()
    const result = (await call(method, argsOf(i))) as unknown as Record<string, unknown>
    times.push(performance.now() - started)
    const list = (result.neighbours ?? result.steps ?? []) as Array<{ relation: string }>
    size += list.length
    similar += list.filter((n) => n.relation === 'similar_to').length
  }
  times.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 100) / 100
  return {
    medianMs: round(times[Math.floor(SAMPLES / 2)]!),
    p95Ms: round(times[Math.floor(SAMPLES * 0.95)]!),
    meanResult: round(size / SAMPLES),
    meanSimilar: round(similar / SAMPLES),
  }
}

/**
 * The alternative: similar_to edges stored, written when an image's pHash is computed — one
 * index query and a row each way per pair (as links: indexed from both ends).
 */
function storedUpkeep(hashes: Map<number, bigint>) {
  db.exec(`CREATE TEMP TABLE similar_edges (source INTEGER, target INTEGER, weight REAL,
    PRIMARY KEY (source, target)) WITHOUT ROWID;
    CREATE INDEX temp.similar_edges_target ON similar_edges (target)`)
  const insert = db.prepare('INSERT OR IGNORE INTO similar_edges VALUES (?, ?, ?)')
  const index = new SimilarityIndex()
  let rows = 0
  const started = performance.now()
  const batch = 1000
  // The first 20,000 images, as they would be processed one after the other (the index grows).
  const ids = [...hashes.keys()].slice(0, 20_000)
  for (let i = 0; i < ids.length; i += batch)
    db.transaction(() => {
      for (const id of ids.slice(i, i + batch)) {
        const hash = hashes.get(id)!
        for (const m of index.near(hash, 10)) {
          insert.run(id, m.id, 1 - m.distance / 64)
          insert.run(m.id, id, 1 - m.distance / 64)
          rows += 2
        }
        index.add(id, hash)
      }
    })()
  const ms = performance.now() - started
  return { images: ids.length, rows, usPerImage: Math.round(((ms * 1000) / ids.length) * 10) / 10 }
}

const randomAsset = () => `asset:${1 + rnd(N)}`
const randomFolder = () => {
  const f = rnd(N / 100)
  return `folder:1:show-${Math.floor(f / 10)}/part-${f % 10}`
}
// Every relation a default walk follows but similar_to: the recursive SQL walk alone.
const sqlOnly = [
  ...DERIVED_RELATIONS.filter((r) => !(ON_REQUEST_RELATIONS as readonly string[]).includes(r)),
  ...STORED_RELATIONS,
]

const phashes = givePhashes()
const indexStarted = performance.now()
await call('graph.neighbours', { node: 'asset:1', relations: ['similar_to'] })
const firstUse = Math.round(performance.now() - indexStarted)
const report = {
  assets: N,
  phashesMs: phashes.ms,
  indexBuildOnFirstUseMs: firstUse,
  assetDepth2: {
    sqlOnly: await timed('graph.neighbours', () => ({
      node: randomAsset(),
      depth: 2,
      relations: sqlOnly,
    })),
    withSimilar: await timed('graph.neighbours', () => ({ node: randomAsset(), depth: 2 })),
    similarOnly: await timed('graph.neighbours', () => ({
      node: randomAsset(),
      depth: 2,
      relations: ['similar_to'],
    })),
  },
  folderDepth2: {
    sqlOnly: await timed('graph.neighbours', () => ({
      node: randomFolder(),
      depth: 2,
      relations: sqlOnly,
    })),
    withSimilar: await timed('graph.neighbours', () => ({ node: randomFolder(), depth: 2 })),
  },
  pathRandom: {
    sqlOnly: await timed('graph.path', () => ({
      from: randomAsset(),
      to: randomAsset(),
      relations: sqlOnly,
    })),
    withSimilar: await timed('graph.path', () => ({ from: randomAsset(), to: randomAsset() })),
  },
  storedAlternative: storedUpkeep(phashes.hashes),
}
await core.close()
process.stdout.write(`${JSON.stringify(report)}\n`)
