// Cold index and unchanged rescan of one tree, each run next to a find of the same tree.
import { find, freshDataDir, marquee, onlyScan } from './marquee.mjs'
import { median, ratioRow, seconds } from './measure.mjs'

const RUNS = 3

/**
 * Runs `index` on a fresh data directory `RUNS` times, then `scan` (nothing changed) `RUNS`
 * times, each after a find, and returns one row per phase. The ratio compares the scan's own
 * duration with find; the CLI's wall time (Node start-up, database open) is reported beside it,
 * and checked too when `maxIndexWall` / `maxRescanWall` are given (issue 9: the whole run).
 */
export function scanVsFind({
  dir,
  label,
  media,
  dataName,
  maxIndex,
  maxRescan,
  maxIndexWall = null,
  maxRescanWall = null,
  log,
}) {
  find(dir) // untimed: warm the page cache (or the NAS's) so both sides start equal
  const phases = { index: [], rescan: [] }
  let dataDir
  for (const phase of ['index', 'rescan']) {
    for (let i = 0; i < RUNS; i++) {
      const findMs = find(dir).ms
      if (phase === 'index') dataDir = freshDataDir(dataName)
      const run = marquee(dataDir, phase === 'index' ? ['index', dir] : ['scan'], { rss: true })
      const scan = onlyScan(run)
      phases[phase].push({
        findMs,
        durationMs: scan.durationMs,
        wallMs: run.ms,
        peakRssMb: run.peakRssMb,
        scan,
      })
      log(
        `${phase} ${label} #${i + 1}: marquee ${seconds(scan.durationMs)} (wall ${seconds(run.ms)}), find ${seconds(findMs)}`,
      )
    }
  }
  return [
    row(`cold index ${label}`, phases.index, maxIndex, maxIndexWall, (s) =>
      s.seen !== media ? `indexed ${s.seen} files, expected ${media}` : null,
    ),
    row(`unchanged rescan ${label}`, phases.rescan, maxRescan, maxRescanWall, (s) => {
      const changes = s.added + s.changed + s.moved + s.missing + s.restored
      return changes ? `an unchanged rescan reported changes: ${JSON.stringify(s)}` : null
    }),
  ]
}

function row(test, runs, max, maxWall, problem) {
  const durationMs = median(runs.map((r) => r.durationMs))
  const wallMs = median(runs.map((r) => r.wallMs))
  const findMs = median(runs.map((r) => r.findMs))
  const notes = [...new Set(runs.map((r) => problem(r.scan)).filter(Boolean))]
  const rssValues = runs.map((r) => r.peakRssMb).filter((v) => v !== null)
  const checked = ratioRow({
    test,
    marquee: `${seconds(durationMs)} (wall ${seconds(wallMs)})`,
    reference: `find ${seconds(findMs)}`,
    value: durationMs,
    referenceValue: findMs,
    max,
    metrics: {
      durationMs,
      wallMs,
      findMs,
      wallRatio: wallMs / findMs,
      peakRssMb: rssValues.length ? Math.max(...rssValues) : null,
      runs: runs.map(({ scan: _scan, ...r }) => r),
    },
  })
  const wallRatio = wallMs / findMs
  return {
    ...checked,
    ...(maxWall === null
      ? {}
      : {
          target: `${checked.target}, wall ≤ ${maxWall}×`,
          pass: checked.pass && wallRatio <= maxWall,
        }),
    wallRatio,
    ...(notes.length ? { notes, pass: false } : {}),
  }
}
