// 10: the gallery at 100k and 1M assets, in Chromium (Playwright) against `marquee serve`: first
// tiles after opening #/library, frames while scrolling, the renderer's heap and serve's RSS, a
// text search, and select-all + tag. Libraries: lib/gallery-library.mjs.
import { cpus, loadavg } from 'node:os'
import { ensureBuilt, quick } from './lib/marquee.mjs'
import { count, infoRow, seconds } from './lib/measure.mjs'
import { procStats, startServe } from './lib/stream.mjs'
import { connectApi, untilRescanned } from './lib/gallery-api.mjs'
import { ensureLibrary } from './lib/gallery-library.mjs'
import { measureBrowser } from './lib/gallery-figures.mjs'
import { searchFigures, searchSplitRow, tagFigures, TERMS } from './lib/gallery-calls.mjs'
import { probe } from './lib/probe.mjs'

export const description =
  'gallery at 100k and 1M: first tiles (≤ 0.5 / 1 s), scroll frames (p95 ≤ 16.7 ms, tasks ≤ 50 ms, ≤ 400 tiles), heap ≤ 150 MB, serve RSS ≤ 400 MB, search ≤ 100 ms, select all + tag ≤ 2 s'

const SIZES = quick ? [10_000] : [100_000, 1_000_000]
const RESCAN_TIMEOUT_MS = 10 * 60_000
/** Serve counts as settled after its start-up work once it used < 10 % CPU for 3 s in a row. */
const QUIET_CPU_SHARE = 0.1
const QUIET_SECONDS = 3
const QUIET_TIMEOUT_MS = 5 * 60_000

/** Resolves once serve's own CPU use has stayed low for a while (its rescan and watch set up). */
async function untilQuiet(pid) {
  const started = performance.now()
  let quiet = 0
  let last = procStats(pid)?.cpuMs ?? 0
  while (quiet < QUIET_SECONDS) {
    if (performance.now() - started > QUIET_TIMEOUT_MS)
      return { quiet: false, ms: QUIET_TIMEOUT_MS }
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const now = procStats(pid)?.cpuMs ?? last
    quiet = now - last < 1000 * QUIET_CPU_SHARE ? quiet + 1 : 0
    last = now
  }
  return { quiet: true, ms: performance.now() - started }
}

/** Samples serve's RSS every 500 ms under a phase name; `peak(phase)` is the largest seen. */
function rssSampler(pid) {
  const samples = []
  let phase = 'start'
  const take = () => {
    const stats = procStats(pid)
    if (stats) samples.push({ phase, rssMb: stats.rssMb, hwmMb: stats.peakRssMb })
  }
  const timer = setInterval(take, 500)
  return {
    phase: (name) => {
      take()
      phase = name
    },
    peak: (name) => Math.max(0, ...samples.filter((s) => s.phase === name).map((s) => s.rssMb)),
    stop: () => clearInterval(timer),
  }
}

/**
 * Frames and first paints depend on the CPU the browser gets: on a machine other work keeps
 * busy, the figures are worse than on a quiet one. Says so when the load was above the cores.
 */
function busyNote(before, after) {
  const cores = cpus().length
  const worst = Math.max(before, after)
  return worst > cores
    ? [
        `load average ${before.toFixed(1)} → ${after.toFixed(1)} on ${cores} cores while the browser ran: other work shared the CPU, so times and frames are worse than on an idle machine`,
      ]
    : []
}

function libraryRow(n, lib) {
  const { made } = lib
  const part = (ms, reused) => `${seconds(ms)}${reused ? ' (kept)' : ''}`
  return infoRow({
    test: `library ${count(n)}`,
    marquee: `tree ${part(made.treeMs, made.reused.tree)}, index ${part(made.indexMs, made.reused.data)}, rows ${part(made.fillMs, made.reused.data)}, search ${part(made.searchMs, made.reused.data)}, thumbnails ${part(made.thumbsMs, made.reused.thumbs)}`,
    reference: `${lib.counts.derivatives / 2} contents`,
    metrics: { dir: lib.dir, made, counts: lib.counts, columns: lib.columns },
  })
}

async function measureSize(n, log) {
  const lib = await ensureLibrary(n, log)
  const rows = [libraryRow(n, lib)]
  log(`gallery ${count(n)}: starting marquee serve…`)
  const since = Date.now()
  const serve = await startServe(lib.dataDir)
  const rss = rssSampler(serve.pid)
  let api
  try {
    api = await connectApi(serve.url)
    await untilRescanned(api, since, RESCAN_TIMEOUT_MS)
    const settled = await untilQuiet(serve.pid)
    log(
      `gallery ${count(n)}: serve up in ${seconds(serve.startMs)}, rescanned and settled after ${seconds(Date.now() - since)}`,
    )
    rss.phase('browser')
    const loadBefore = loadavg()[0]
    const browser = await measureBrowser({ n, serve, api, log })
    rows[0].notes = busyNote(loadBefore, loadavg()[0])
    rss.phase('calls')
    const search = await searchFigures(api, n, log)
    const tag = await tagFigures(api, n, log)
    rss.stop()
    rows.push(...browser.rows(rss.peak('browser'), serve.stats(), settled), ...search, ...tag)
  } finally {
    rss.stop()
    api?.close()
    const stopped = await serve.stop()
    if (stopped.ended)
      rows.push({
        test: `serve ${count(n)}`,
        error: `serve ended by itself: ${serve.stderr().slice(-500)}`,
        pass: false,
      })
  }
  try {
    rows.push(searchSplitRow(n, probe('gallery-search', [lib.dataDir, ...TERMS])))
  } catch (error) {
    rows.push({ test: `text search split ${count(n)}`, error: String(error.message ?? error) })
  }
  return rows
}

export async function run({ log }) {
  ensureBuilt()
  const rows = []
  for (const n of SIZES) {
    try {
      rows.push(...(await measureSize(n, log)))
    } catch (error) {
      process.stderr.write(`${error.stack ?? error}\n`)
      rows.push({ test: `gallery ${count(n)}`, error: String(error.message ?? error), pass: false })
    }
  }
  return rows
}
