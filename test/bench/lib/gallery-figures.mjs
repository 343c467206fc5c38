// The browser half of the gallery benchmark: runs the gallery-browser.mjs steps on one library
// and turns what they saw into result rows.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repo } from './marquee.mjs'
import { count, median, millis } from './measure.mjs'
import * as steps from './gallery-browser.mjs'
import * as inPage from './gallery-page.mjs'
import { percentile, targetRow } from './gallery-rows.mjs'

/** Fresh page loads of #/library; the median is checked, the first (cold server) kept. */
const LOADS = 5
/** The wheel: 300 notches of 400 px over 10 s, a fast scroll by hand. */
const WHEEL = { steps: 300, delta: 400, perSecond: 30 }
const TRACED_WHEEL = { steps: 90, delta: 400, perSecond: 30 }
const JUMPS = 20
const AT_REST_MS = 3000
const FRAME_MS = 16.7
const LONG_TASK_MS = 50
const MAX_TILES = 400
const FIRST_TILES_MS = { 100_000: 500, 1_000_000: 1000 }
const HEAP_MB = { 1_000_000: 150 }
const RSS_MB = { 1_000_000: 400 }

const mb = (v) => `${v.toFixed(0)} MB`
const label = (n) => (n === 1_000_000 ? '1m' : count(n).toLowerCase())

/**
 * The line of the built renderer a script position falls on (` «…»`), so an anonymous function
 * in an attribution can be found in the sources; '' when the file is not in out/renderer.
 */
function sourceLine(url, at) {
  if (!url || !(at >= 0)) return ''
  const file = join(repo, 'out', 'renderer', 'assets', url.split('/').pop().split('?')[0])
  if (!existsSync(file)) return ''
  const text = readFileSync(file, 'utf8')
  const line = text.slice(text.lastIndexOf('\n', at) + 1, text.indexOf('\n', at)).trim()
  return ` «${line.length > 80 ? `${line.slice(0, 80)}…` : line}»`
}

/** Scripts without a URL are the ones this benchmark evaluates in the page (its probes). */
const OWN_SCRIPTS = "(the benchmark's own probes)"

/** Frame and long-task figures of a recording, and what the long frames ran (attribution). */
function frames(recording, tickMs = 1000 / 60) {
  const deltas = recording.frames
  const longest = Math.max(0, ...recording.longTasks.map((t) => t.ms))
  const scripts = new Map()
  for (const frame of recording.loafs)
    for (const s of frame.scripts) {
      const key = s.url
        ? `${s.fn || '(anonymous)'} ${s.invoker ?? ''} ${s.url.split('/').pop()}@${s.at}${sourceLine(s.url, s.at)}`
        : OWN_SCRIPTS
      scripts.set(key, (scripts.get(key) ?? 0) + s.ms)
    }
  const p95 = percentile(deltas, 95)
  return {
    count: deltas.length,
    p50: percentile(deltas, 50),
    p95,
    // rAF times are the display's ticks plus a little jitter (16.72 ms is one 60 Hz frame): the
    // p95 is checked in whole ticks, so "≤ 16.7 ms" means 95 % of frames came on the next tick.
    p95Ticks: Math.max(1, Math.round(p95 / tickMs)),
    p95Ticked: Math.max(1, Math.round(p95 / tickMs)) * tickMs,
    max: Math.max(0, ...deltas),
    over33: deltas.filter((d) => d > 33.4).length,
    longTasks: recording.longTasks.length,
    longestTaskMs: longest,
    longFrames: recording.loafs.length,
    longFrameRenderMs: recording.loafs.reduce((sum, f) => sum + f.renderMs, 0),
    longFrameScripts: [...scripts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, ms]) => ({ name, ms: Math.round(ms) })),
    maxTiles: recording.maxTiles,
    maxNodes: recording.maxNodes,
  }
}

/** The display's frame interval, from the page at rest (60 Hz when that looks wrong). */
const tickOf = (rest) => (rest.p50 >= 8 && rest.p50 <= 40 ? rest.p50 : 1000 / 60)

function frameRows(n, what, f, rest, notes = []) {
  const reference = `at rest: p95 ${millis(rest.p95)}, ${rest.longTasks} long tasks`
  const attribution = f.longFrames
    ? [
        `${f.longFrames} frames over 50 ms (${Math.round(f.longFrameRenderMs)} ms of it style/layout/paint); their scripts: ${f.longFrameScripts.map((s) => `${s.name.trim()} ${s.ms} ms`).join(', ') || 'none'}`,
      ]
    : []
  return [
    targetRow({
      test: `${what} ${count(n)}: p95 frame`,
      marquee: `p95 ${millis(f.p95)} (${f.p95Ticks} ${f.p95Ticks === 1 ? 'tick' : 'ticks'}), median ${millis(f.p50)}, max ${millis(f.max)}, ${f.over33} of ${f.count} frames > 33 ms`,
      reference,
      value: f.p95Ticked,
      limit: FRAME_MS,
      unit: 'ms',
      metrics: f,
      notes: [...notes, ...(f.p95 > FRAME_MS ? attribution : [])],
    }),
    targetRow({
      test: `${what} ${count(n)}: longest task`,
      marquee: `${millis(f.longestTaskMs)} (${f.longTasks} long tasks)`,
      reference,
      value: f.longestTaskMs,
      limit: LONG_TASK_MS,
      unit: 'ms',
      notes: f.longTasks ? attribution : [],
    }),
  ]
}

const merge = (...recordings) => ({
  frames: recordings.flatMap((r) => r.frames),
  longTasks: recordings.flatMap((r) => r.longTasks),
  loafs: recordings.flatMap((r) => r.loafs),
  maxTiles: Math.max(...recordings.map((r) => r.maxTiles)),
  maxNodes: Math.max(...recordings.map((r) => r.maxNodes)),
})

/** Opens the gallery of the library `serve` holds and measures it; `rows(...)` makes the rows. */
export async function measureBrowser({ n, serve, api, log }) {
  const origin = new URL(serve.url).origin
  const browser = await steps.launchBrowser()
  const out = {}
  try {
    const loads = []
    let open
    for (let k = 0; k < LOADS; k++) {
      if (open) await open.context.close()
      open = await steps.openLibrary(browser, { origin, token: api.token })
      loads.push(open.marks)
    }
    out.loads = loads
    await open.context.close()
    // One more load under a trace (slower for it): where the first tiles' time goes.
    open = await steps.openLibrary(
      browser,
      { origin, token: api.token },
      {
        before: (page) => steps.startTrace(browser, page),
      },
    )
    out.loadTrace = { marks: open.marks, ...(await steps.stopTrace(browser)) }
    const { page } = open
    log(`gallery ${count(n)}: first tiles ${loads.map((l) => millis(l.firstTileMs)).join(', ')}`)
    await page.evaluate(inPage.untilFilled, 10_000)
    out.rest = await steps.recordDuring(page, () => steps.atRest(AT_REST_MS))
    out.wheel = await steps.recordDuring(page, () => steps.wheel(page, WHEEL))
    log(`gallery ${count(n)}: wheel done, ${out.wheel.result.after.scrollTop} px down`)
    out.keys = await steps.recordDuring(page, () => steps.endHome(page))
    out.jumps = await steps.recordDuring(page, () => steps.jumps(page, JUMPS))
    out.heap = await steps.heapMb(page)
    log(`gallery ${count(n)}: renderer heap ${mb(out.heap.usedMb)} after GC`)
    out.trace = await steps.traced(browser, page, () => steps.wheel(page, TRACED_WHEEL))
    out.shots = await steps.screenshots(page, label(n))
    try {
      out.ui = await steps.selectAllAndTag(page, n, 'bench-ui-tag')
      log(`gallery ${count(n)}: Ctrl+A ${millis(out.ui.selectMs)}, tag ${millis(out.ui.tagMs)}`)
    } catch (error) {
      out.ui = { error: error.message.split('\n')[0] }
    }
    out.pageErrors = open.errors
  } finally {
    await browser.close()
  }
  return { rows: (rssPeakMb, serveStats, settled) => rows(n, out, rssPeakMb, serveStats, settled) }
}

const UI_TAG_MS = { 100_000: 2000 }

function uiTagRow(n, ui) {
  const test = `Ctrl+A + tag in the page ${count(n)}`
  if (ui.error) return { test, skipped: `the page's select-all/tag flow failed: ${ui.error}` }
  return targetRow({
    test,
    marquee: `${millis(ui.selectMs + ui.tagMs)} (Ctrl+A to all counted ${millis(ui.selectMs)}, Enter to "tagged" ${millis(ui.tagMs)}; untag ${millis(ui.untagMs)})`,
    value: ui.selectMs + ui.tagMs,
    limit: UI_TAG_MS[n],
    unit: 'ms',
    metrics: ui,
  })
}

/** Where the page's main thread spent a traced stretch, as an information row. */
function traceRow(test, t, reference, notes = []) {
  return targetRow({
    test,
    marquee: t.byEvent
      .slice(0, 5)
      .map((e) => `${e.name} ${Math.round(e.ms)}`)
      .join(', '),
    reference: `${reference}; ${t.busyMs} of ${t.spanMs} ms busy`,
    metrics: t,
    notes,
  })
}

function rows(n, out, rssPeakMb, serveStats, settled) {
  const first = out.loads.map((l) => l.firstTileMs)
  const rest = frames(out.rest)
  const wheel = frames(out.wheel, tickOf(rest))
  const keys = frames(merge(out.keys, out.jumps), tickOf(rest))
  const jumpFills = out.jumps.result.map((j) => j.fill.ms)
  const unfilled = out.jumps.result.filter((j) => !j.fill.filled).length
  const end = out.keys.result.End.state
  const wheeled = out.wheel.result.after.scrollTop - out.wheel.result.before.scrollTop
  const tiles = Math.max(wheel.maxTiles, keys.maxTiles)
  const t = out.trace
  return [
    targetRow({
      test: `first tiles ${count(n)}`,
      marquee: `median ${millis(median(first))} (cold ${millis(first[0])}; tile in DOM ${millis(median(out.loads.map((l) => l.firstItemMs)))}, FCP ${millis(median(out.loads.map((l) => l.nav.firstContentfulPaintMs ?? NaN)))})`,
      reference: `${LOADS} fresh loads of #/library`,
      value: median(first),
      limit: FIRST_TILES_MS[n],
      unit: 'ms',
      metrics: { loads: out.loads },
    }),
    ...frameRows(n, 'wheel', wheel, rest, [
      `${WHEEL.steps} notches of ${WHEEL.delta} px in ${(out.wheel.result.inputMs / 1000).toFixed(1)} s moved the grid's scrollTop ${wheeled} px of its ${out.wheel.result.after.scrollHeight} px (a grid that scales its scrollbar moves it less than its content)`,
    ]),
    ...frameRows(n, 'End/Home + jumps', keys, rest, [
      ...(end.lastShown
        ? []
        : [
            `after End the last asset's tile was not shown (${end.scrollTop} of ${end.scrollHeight} px)`,
          ]),
      ...(unfilled ? [`${unfilled} of ${JUMPS} jumps showed no complete tiles within 10 s`] : []),
    ]),
    targetRow({
      test: `DOM tiles ${count(n)}`,
      marquee: `at most ${tiles} (wheel ${wheel.maxTiles}, keys/jumps ${keys.maxTiles}); ${Math.max(wheel.maxNodes, keys.maxNodes)} elements in the gallery`,
      value: tiles,
      limit: MAX_TILES,
      unit: 'tiles',
    }),
    targetRow({
      test: `scrollbar jump to tiles shown ${count(n)}`,
      marquee: `median ${millis(median(jumpFills))}, p95 ${millis(percentile(jumpFills, 95))}`,
      reference: `${JUMPS} jumps`,
      value: percentile(jumpFills, 95),
      metrics: { jumps: out.jumps.result, keys: out.keys.result },
    }),
    targetRow({
      test: `renderer JS heap ${count(n)}`,
      marquee: `${mb(out.heap.usedMb)} after GC (${mb(out.heap.beforeGcMb)} before)`,
      value: out.heap.usedMb,
      limit: HEAP_MB[n],
      unit: 'MB',
      metrics: out.heap,
    }),
    targetRow({
      test: `serve RSS ${count(n)}`,
      marquee: `${mb(rssPeakMb)} at most while browsing (peak since start ${mb(serveStats.peakRssMb)})`,
      value: rssPeakMb,
      limit: RSS_MB[n],
      unit: 'MB',
      metrics: { rssPeakMb, serveStats, settled },
      notes: settled.quiet ? [] : ['serve was still busy 5 min after its start-up rescan'],
    }),
    uiTagRow(n, out.ui),
    traceRow(
      `main thread during a load ${count(n)}`,
      out.loadTrace,
      `first tile at ${millis(out.loadTrace.marks.firstTileMs)} (traced)`,
    ),
    traceRow(`main thread while wheeling ${count(n)}`, t, `${TRACED_WHEEL.steps} notches`, [
      ...(out.shots.viewerError ? [`no viewer screenshot: ${out.shots.viewerError}`] : []),
      ...(out.pageErrors.length ? [`page errors: ${out.pageErrors.join('; ')}`] : []),
    ]),
  ]
}
