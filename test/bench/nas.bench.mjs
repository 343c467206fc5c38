// 3: cold index and unchanged rescan over sshfs (sshd on 127.0.0.1, no caches) against find
// over the same mount. Every stat is a round trip, so this measures how many calls Marquee makes.
import { join } from 'node:path'
import { count, seconds } from './lib/measure.mjs'
import { benchDir, ensureBuilt, find, quick, requireTool, Skip, tree } from './lib/marquee.mjs'
import { scanVsFind } from './lib/scan-vs-find.mjs'
import { mountOverSsh, sshfsMissing } from './lib/ssh-nas.mjs'

export const description = 'sshfs mount: cold index and unchanged rescan (each ≤ 1.5× find)'

/**
 * Past this, one Marquee run over 100k files takes over a minute (it needs about 3× find's
 * time over sshfs today), so the smaller tree is measured instead.
 */
const SLOW_FIND_MS = 20_000
const SMALLER = 20_000

export async function run({ log }) {
  requireTool('find')
  const missing = sshfsMissing()
  if (missing) throw new Skip(missing)
  ensureBuilt()
  const wanted = Number(process.env.BENCH_NAS_FILES ?? (quick ? 2_000 : 100_000))
  const notes = []
  let files = wanted
  let { media } = tree(files)
  // The server exports the folder of all trees, so one mount serves any size.
  const nas = await mountOverSsh(join(benchDir, 'trees'), join(benchDir, 'nas'))
  try {
    if (!process.env.BENCH_NAS_FILES && files > SMALLER) {
      const probe = find(join(nas.mountPoint, `files-${files}`)).ms
      log(`nas: find over sshfs of ${count(files)} files took ${seconds(probe)}`)
      if (probe > SLOW_FIND_MS) {
        notes.push(
          `measured on ${count(SMALLER)} files: find alone took ${seconds(probe)} over ${count(files)}`,
        )
        files = SMALLER
        media = tree(files).media
      }
    }
    const rows = scanVsFind({
      dir: join(nas.mountPoint, `files-${files}`),
      label: `${count(files)} sshfs`,
      media,
      dataName: 'nas',
      maxIndex: 1.5,
      maxRescan: 1.5,
      log,
    })
    return rows.map((r) => (notes.length ? { ...r, notes: [...(r.notes ?? []), ...notes] } : r))
  } finally {
    nas.stop()
  }
}
