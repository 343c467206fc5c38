// Peak memory while `index --wait` processes a mixed library: mostly 1–2 MP JPEG and PNG
// photos, ~2 % each short videos, audio files and broken files. The pool's workers are threads
// of the Node process, so its peak RSS (VmHWM) covers them; ffmpeg, ffprobe and exiftool's perl
// are child processes, sampled every 100 ms and reported beside it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensureBuilt, freshDataDir, quick } from './lib/marquee.mjs'
import { count, limitRow, seconds } from './lib/measure.mjs'
import { probe } from './lib/probe.mjs'
import { indexAndWait, load, mediaDir, requireTools, which } from './lib/processing.mjs'

export const description = 'peak RSS of `index --wait` over a mixed library (< 1 GB)'

const LIMIT_MB = 1024

/** The library of `files` files, made once (the probe keeps files already there). */
function library(files) {
  const dir = join(mediaDir('mixed'), `files-${files}`)
  const marker = `${dir}.json`
  if (existsSync(marker) && existsSync(dir))
    return { dir, ...JSON.parse(readFileSync(marker, 'utf8')) }
  const made = probe('processing-media', ['mixed', dir, String(files)])
  writeFileSync(marker, `${JSON.stringify(made)}\n`)
  return { dir, ...made }
}

export async function run({ log }) {
  requireTools(process.env.FFMPEG_PATH || 'ffmpeg')
  ensureBuilt()
  const files = quick ? 200 : 1000
  const lib = library(files)
  const ffmpeg = process.env.FFMPEG_PATH || which('ffmpeg')
  const loadBefore = load()
  // index exits 1 when an asset failed: the broken files are meant to.
  const run = await indexAndWait(freshDataDir('mixed'), lib.dir, {
    env: { FFMPEG_PATH: ffmpeg },
    okStatuses: [0, 1],
    sampled: true,
  })
  const { memory, assets } = run
  const settled = (assets.ready ?? 0) + (assets.failed ?? 0)
  log(
    `mixed ${count(files)}: node ${memory.ownPeakMb} MB, children ${memory.childrenPeakMb} MB, ` +
      `tree ${memory.treePeakMb} MB in ${seconds(run.ms)} (${JSON.stringify(assets)}; load ${loadBefore})`,
  )
  const row = limitRow({
    test: `peak RSS, mixed ${count(files)} files`,
    marquee: `node ${Math.round(memory.ownPeakMb)} MB + children ${Math.round(memory.childrenPeakMb)} MB (${seconds(run.ms)})`,
    value: memory.ownPeakMb,
    limit: LIMIT_MB,
    unit: 'MB',
    metrics: {
      library: lib,
      wallMs: run.ms,
      assets,
      memory,
      loadBefore,
      what: 'node: VmHWM of the marquee process (main thread + pool threads); children: largest sum of its descendants (ffmpeg, ffprobe, perl) seen in one 100 ms sample; tree: largest node + children sum in one sample',
    },
  })
  row.notes = [
    `whole tree at once: ${Math.round(memory.treePeakMb)} MB; children by name: ${Object.entries(
      memory.childrenByNameMb,
    )
      .map(([name, mb]) => `${name} ${Math.round(mb)} MB`)
      .join(', ')}`,
  ]
  if (settled !== files) {
    row.pass = false
    row.notes.push(`only ${settled} of ${files} assets were settled: ${JSON.stringify(assets)}`)
  }
  return [row]
}
