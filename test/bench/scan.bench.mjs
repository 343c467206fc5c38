// 1, 2: cold index and unchanged rescan of a local tree against find on the same tree.
import { count } from './lib/measure.mjs'
import { ensureBuilt, quick, requireTool, tree } from './lib/marquee.mjs'
import { scanVsFind } from './lib/scan-vs-find.mjs'

export const description =
  'local tree: cold index (scan ≤ 3×, whole run ≤ 4× find) and unchanged rescan (scan ≤ 3×, whole run ≤ 2.5× find)'

export function run({ log }) {
  requireTool('find')
  ensureBuilt()
  const files = quick ? 10_000 : 100_000
  const { dir, media } = tree(files)
  return scanVsFind({
    dir,
    label: count(files),
    media,
    dataName: 'scan',
    // Issue 9: the scan's own time ≤ 3× find, the whole CLI run ≤ 4× (rescan: ≤ 2.5×).
    maxIndex: 3,
    maxRescan: 3,
    maxIndexWall: 4,
    maxRescanWall: 2.5,
    log,
  })
}
