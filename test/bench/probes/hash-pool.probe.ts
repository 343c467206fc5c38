// Run by hash.bench.mjs in its own process:
//   node --import tsx test/bench/probes/hash-pool.probe.ts <threads|default> <file>...
// Builds the media pool as the app does (out/main/media.worker.js) and hashes every file at
// once through it, as the queue does when many AssetHash jobs are due. Prints one JSON line:
// the wall time of the hashing alone, after the pool's threads are started (startupMs).
import { join } from 'node:path'
import { MediaPool } from '../../../src/main/jobs/pool'
import { builtWorkers } from '../../../src/main/workers'

const out = join(import.meta.dirname, '..', '..', '..', 'out', 'main')
const [threadsArg, ...files] = process.argv.slice(2) as [string, ...string[]]
const spec = builtWorkers(out)('media')
const pool =
  threadsArg === 'default' ? new MediaPool(spec) : new MediaPool(spec, Number(threadsArg))

const threads = pool.threads

// Start every thread first (each loads the worker module, sharp included) with a few tiny
// hashes, so the timing below is the hashing throughput, as in a running app whose pool is up.
const warmStarted = performance.now()
for (let round = 0; round < 3; round++) {
  await Promise.all(Array.from({ length: threads * 2 }, () => pool.hash(import.meta.filename)))
}
const startupMs = performance.now() - warmStarted
const cpuBefore = process.cpuUsage() // the whole process: every thread
const started = performance.now()
const results = await Promise.all(files.map((file) => pool.hash(file)))
const ms = performance.now() - started
const cpu = process.cpuUsage(cpuBefore)
// The pool starts lazily: its piscina instance is a promise once the first task has run.
const piscina = await (pool as unknown as { pool?: Promise<{ threads: unknown[] }> }).pool
const running = piscina?.threads.length ?? 0
await pool.close()

const failed = results.flatMap((r, i) => (r.ok ? [] : [`${files[i]}: ${r.error.message}`]))
if (failed.length) throw new Error(`hashing failed: ${failed.join('; ')}`)
const done = results.map((r) => (r.ok ? r.value : null))
process.stdout.write(
  `${JSON.stringify({
    threads,
    running,
    startupMs,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    bytes: done.reduce((sum, d) => sum + d!.size, 0),
    sha256: Object.fromEntries(files.map((f, i) => [f, done[i]!.sha256])),
  })}\n`,
)
