// node --import tsx test/bench/probes/graph-derived.probe.ts <data dir of graph-ops.probe.ts … keep>
// Times the walks that ask for `derived_from` and `fetched_by` on a library graph-ops.probe.ts
// generated (run that one first with `keep`): gives every content hash the four cached variants
// processing makes, and 50 feed integrations referencing 20 cached media each, then times
// neighbours at depth 2 of assets (derived_from alone, with every relation, and none of them)
// and of integrations (fetched_by), and an integration's impact. Prints one JSON line.
import { createCore } from '../../../src/main/app'
import { silentLogger } from '../../../src/main/logger'
import { sourceWorkers } from '../../support/workers'
import type { MethodArgs, MethodName } from '../../../src/shared/contract'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('Give the data dir graph-ops.probe.ts kept.')
const core = createCore({ dataDir, face: 'cli', workers: sourceWorkers, logger: silentLogger })
const db = core.db
const SAMPLES = 40

function fill(): { renditions: number; media: number } {
  const now = Date.now()
  db.exec(`INSERT OR IGNORE INTO derivatives (sha256, variant, path, width, height, bytes, mime, created_at)
    SELECT DISTINCT a.sha256, v.value, 'x/' || v.value, 200, 100, 1, 'image/webp', ${now}
    FROM assets a, json_each('["small","medium","large","preview"]') v WHERE a.sha256 IS NOT NULL`)
  if ((db.prepare('SELECT count(*) AS n FROM integrations').get() as { n: number }).n === 0) {
    const add = db.prepare(`INSERT INTO integrations (kind, name, interval_ms, status, created_at,
      updated_at) VALUES ('feed', ?, 60000, 'connected', ?, ?)`)
    const media = db.prepare(`INSERT INTO integration_media (sha256, dir, mime, bytes, stored_bytes,
      variants, created_at, last_used_at) VALUES (?, 'm', 'image/jpeg', 1, 1, '{}', ?, ?)`)
    const ref = db.prepare(`INSERT INTO integration_media_refs (sha256, owner_kind, owner_id)
      VALUES (?, 'integration', ?)`)
    db.transaction(() => {
      for (let i = 0; i < 50; i++) {
        const id = Number(add.run(`Feed ${i}`, now, now).lastInsertRowid)
        for (let m = 0; m < 20; m++) {
          const sha = (i * 20 + m).toString(16).padStart(64, '0')
          media.run(sha, now, now)
          ref.run(sha, String(id))
        }
      }
    })()
  }
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
  return {
    renditions: count('SELECT count(*) AS n FROM derivatives'),
    media: count('SELECT count(*) AS n FROM integration_media_refs'),
  }
}

async function time<M extends MethodName>(args: () => [M, MethodArgs<M>]) {
  const wall: number[] = []
  let results = 0
  for (let i = 0; i < SAMPLES; i++) {
    const [method, a] = args()
    const started = performance.now()
    const response = await core.dispatch(method, a)
    wall.push(performance.now() - started)
    if (!response.ok) throw new Error(response.error.message)
    const r = response.result as { neighbours?: unknown[] }
    results += r.neighbours?.length ?? 0
  }
  wall.sort((x, y) => x - y)
  const round = (x: number) => Math.round(x * 100) / 100
  return {
    medianMs: round(wall[SAMPLES >> 1]!),
    p95Ms: round(wall[Math.floor(SAMPLES * 0.95)]!),
    meanResult: results / SAMPLES,
  }
}

const filled = fill()
const assetIds = (
  db.prepare('SELECT id FROM assets WHERE sha256 IS NOT NULL ORDER BY id').all() as Array<{
    id: number
  }>
).map((r) => r.id)
const integrationIds = (
  db.prepare('SELECT id FROM integrations ORDER BY id').all() as Array<{ id: number }>
).map((r) => r.id)
let k = 0
const anAsset = () => `asset:${assetIds[(k++ * 7919) % assetIds.length]}`
const anIntegration = () => `integration:${integrationIds[k++ % integrationIds.length]}`
const derived = ['derived_from']
const every = ['contains', 'duplicate_of', 'includes', 'exported_in', 'related_to', 'replaces']

console.log(
  JSON.stringify({
    ...filled,
    assetDefaultDepth2: await time(() => ['graph.neighbours', { node: anAsset(), depth: 2 }]),
    assetDerivedOnlyDepth2: await time(() => [
      'graph.neighbours',
      { node: anAsset(), depth: 2, relations: derived },
    ]),
    assetAllPlusDerivedDepth2: await time(() => [
      'graph.neighbours',
      { node: anAsset(), depth: 2, relations: [...every, ...derived] },
    ]),
    integrationFetchedByDepth2: await time(() => [
      'graph.neighbours',
      { node: anIntegration(), depth: 2, relations: ['fetched_by'] },
    ]),
    impactIntegration: await time(() => ['graph.impact', { node: anIntegration() }]),
  }),
)
await core.close()
