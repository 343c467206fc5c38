// Contract calls the gallery makes, timed over serve's WebSocket as the renderer makes them: the
// first page of a text search, and select-all + tag (a selection held as a query).
import { count, median, millis, seconds } from './measure.mjs'
import { percentile, targetRow } from './gallery-rows.mjs'

/** Words a user types; they hit folders, names, metadata (camera), tags, or nothing. */
export const TERMS = [
  'lobby',
  'summer sale',
  'poster',
  'canon',
  'IMG_0042',
  'jingle',
  'brand refresh menu',
  'approved',
  'cafe west 2023',
  'nothingmatchesthis',
]
const REPEATS = 5
/** The first page the gallery asks for (its store's page size). */
const PAGE = 200
const TAG = 'bench-select-all'
const TAG_ROUNDS = 3

/** The targets: search over 1M, select-all + tag over 100k. */
const SEARCH_LIMIT_MS = { 1_000_000: 100 }
const TAG_LIMIT_MS = { 100_000: 2000 }

export async function searchFigures(api, n, log) {
  const calls = []
  const perTerm = {}
  for (const text of TERMS) {
    const times = []
    let total = null
    for (let k = 0; k < REPEATS; k++) {
      const { ms, result } = await api.timed('assets.page', { text, limit: PAGE })
      times.push(ms)
      total = result.total
    }
    const uncounted = await api.timed('assets.page', { text, limit: PAGE, count: false })
    perTerm[text] = { total, firstMs: times[0], medianMs: median(times), uncountedMs: uncounted.ms }
    calls.push(...times)
  }
  const p95 = percentile(calls, 95)
  const slowest = Object.entries(perTerm).sort((a, b) => b[1].medianMs - a[1].medianMs)[0]
  log(`gallery ${count(n)}: search median ${millis(median(calls))}, p95 ${millis(p95)}`)
  return [
    targetRow({
      test: `text search first page ${count(n)}`,
      marquee: `median ${millis(median(calls))}, p95 ${millis(p95)} (slowest "${slowest[0]}" ${millis(slowest[1].medianMs)}, ${slowest[1].total} hits)`,
      reference: `${TERMS.length} terms × ${REPEATS}, limit ${PAGE}, with total`,
      value: p95,
      limit: SEARCH_LIMIT_MS[n],
      unit: 'ms',
      metrics: { page: PAGE, medianMs: median(calls), p95Ms: p95, perTerm },
    }),
  ]
}

export async function tagFigures(api, n, log) {
  const add = []
  const remove = []
  const problems = []
  for (let k = 0; k < TAG_ROUNDS; k++) {
    const selection = { query: {} }
    const added = await api.timed('tags.apply', { selection, add: [TAG] })
    add.push(added.ms)
    if (added.result.changed !== n) problems.push(`tagging changed ${added.result.changed} of ${n}`)
    const removed = await api.timed('tags.apply', { selection, remove: [TAG] })
    remove.push(removed.ms)
  }
  const value = median(add)
  log(`gallery ${count(n)}: select all + tag ${seconds(value)} (untag ${seconds(median(remove))})`)
  return [
    targetRow({
      test: `select all + tag ${count(n)}`,
      marquee: `${seconds(value)} (first ${seconds(add[0])}; untag ${seconds(median(remove))})`,
      reference: `tags.apply {query:{}}, median of ${TAG_ROUNDS}`,
      value,
      limit: TAG_LIMIT_MS[n],
      unit: 'ms',
      metrics: { addMs: add, removeMs: remove },
      notes: [...new Set(problems)],
    }),
  ]
}

/**
 * Where the first page of each search spends its time in-process (probes/gallery-search.probe.ts,
 * run once serve has stopped): the call, the full-text match alone, the count, the page's SELECT.
 */
export function searchSplitRow(n, split) {
  const terms = Object.entries(split).sort((a, b) => b[1].callMs - a[1].callMs)
  const [term, slowest] = terms[0]
  return targetRow({
    test: `text search split ${count(n)}`,
    marquee: `slowest "${term}": call ${millis(slowest.callMs)}; then alone: FTS match ${millis(slowest.ftsMs ?? NaN)} (${slowest.ftsRows} rows), count ${millis(slowest.countMs)}, page ${millis(slowest.pageMs)}`,
    reference: 'in-process, fresh count',
    metrics: split,
    // The steps of the plan that read many rows: scans and sorts.
    notes: [
      `page plan for "${term}": ${slowest.plan.filter((step) => /SCAN|TEMP/.test(step)).join('; ')}`,
    ],
  })
}
