// 1, 2: cold index and unchanged rescan of a local tree against find on the same tree.
import { count } from './lib/measure.mjs'
import { ensureBuilt, quick, requireTool, tree } from './lib/marquee.mjs'
import { scanVsFind } from './lib/scan-vs-find.mjs'

export const description = 'local tree: cold index (≤ 4× find) and unchanged rescan (≤ 3× find)'

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
    maxIndex: 4,
    maxRescan: 3,
    log,
  })
}
