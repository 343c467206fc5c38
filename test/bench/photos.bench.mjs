// A folder of 12 MP camera JPEGs through the whole image pipeline (`index --wait`: identify,
// SHA-256, exiftool metadata, the WebP pyramid and pHash) against a shell pipeline of the same
// engines two files at a time: openssl dgst, exiftool -json and vipsthumbnail to each WebP size.
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { ensureBuilt, freshDataDir, quick } from './lib/marquee.mjs'
import { median, ratioRow, seconds } from './lib/measure.mjs'
import { probe } from './lib/probe.mjs'
import { cpu, indexAndWait, load, mediaDir, medianOrNull, ok } from './lib/processing.mjs'
import { requireTools, scratch, timed } from './lib/processing.mjs'

export const description =
  '12 MP photos through the image pipeline against openssl + exiftool + vipsthumbnail, 2 at a time (≤ 0.5×)'

const RUNS = 3
const MAX = 0.5
/** Long edges and quality of Marquee's WebP pyramid (docs/processing.md). */
const SIZES = { l: 1920, m: 800, s: 200 }

/** `count` 12 MP photos alone in a folder: hard links to the first `count` of a shared set. */
function photos(count) {
  const all = join(mediaDir('photos'), '12mp-all')
  const dir = join(mediaDir('photos'), `12mp-${count}`)
  const marker = `${dir}.json`
  if (!existsSync(marker)) {
    probe('processing-media', ['photos', all, String(count)])
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const names = readdirSync(all)
      .filter((f) => f.endsWith('.jpg'))
      .sort()
      .slice(0, count)
    for (const name of names) linkSync(join(all, name), join(dir, name))
    writeFileSync(marker, `${JSON.stringify({ count })}\n`)
  }
  return { dir, files: readdirSync(dir).map((f) => join(dir, f)) }
}

/** What a user would script: per photo hash, metadata and three thumbnails; xargs -P 2. */
function shellPipeline(files, out) {
  const thumbs = Object.entries(SIZES)
    .map(([k, px]) => `vipsthumbnail "$f" -s ${px} -o "$OUT/$b-${k}.webp[Q=80]"`)
    .join(' && ')
  const perFile = `f="$1"; b=$(basename "$f" .jpg); openssl dgst -sha256 "$f" >/dev/null && exiftool -json "$f" >/dev/null && ${thumbs}`
  const script = `printf '%s\\0' "$@" | OUT="${out}" xargs -0 -n 1 -P 2 bash -c '${perFile}' _`
  const run = ok(timed('bash', ['-c', script, 'pipeline', ...files]), 'the shell pipeline')
  const made = readdirSync(out).filter((f) => f.endsWith('.webp')).length
  if (made !== files.length * 3) throw new Error(`the shell pipeline made ${made} thumbnails`)
  return run
}

export async function run({ log }) {
  requireTools('openssl', 'exiftool', 'vipsthumbnail', 'xargs')
  ensureBuilt()
  const count = quick ? 8 : 40
  const { dir, files } = photos(count)
  if (files.length !== count) throw new Error(`expected ${count} photos in ${dir}`)
  const label = `${count} × 12 MP`
  timed('cat', files) // untimed: the photos into the page cache for both sides
  shellPipeline(files.slice(0, 2), scratch('photos-shell')) // untimed: perl's and vips's libraries too
  const runs = []
  for (let i = 0; i < RUNS; i++) {
    const loadBefore = load()
    const shell = shellPipeline(files, scratch('photos-shell'))
    const marquee = await indexAndWait(freshDataDir('photos'), dir)
    const ready = marquee.assets.ready ?? 0
    if (ready !== count) {
      throw new Error(
        `marquee made ${ready} of ${count} photos ready: ${JSON.stringify(marquee.assets)}`,
      )
    }
    runs.push({
      marqueeMs: marquee.ms,
      shellMs: shell.ms,
      marqueeCpuMs: marquee.cpuMs,
      shellCpuMs: shell.cpuMs,
      loadBefore,
    })
    log(
      `photos ${label} #${i + 1}: marquee ${seconds(marquee.ms)} (CPU ${cpu(marquee.cpuMs)}), ` +
        `shell ${seconds(shell.ms)} (CPU ${cpu(shell.cpuMs)}); load ${loadBefore}`,
    )
  }
  const marqueeMs = median(runs.map((r) => r.marqueeMs))
  const shellMs = median(runs.map((r) => r.shellMs))
  const marqueeCpuMs = medianOrNull(runs.map((r) => r.marqueeCpuMs))
  const shellCpuMs = medianOrNull(runs.map((r) => r.shellCpuMs))
  const row = ratioRow({
    test: `photos ${label}, full pipeline`,
    marquee: `${seconds(marqueeMs)} (${((count / marqueeMs) * 1000).toFixed(1)}/s)`,
    reference: `shell -P 2 ${seconds(shellMs)}`,
    value: marqueeMs,
    referenceValue: shellMs,
    max: MAX,
    metrics: {
      photos: count,
      megapixels: 12,
      marqueeMs,
      shellMs,
      marqueeCpuMs,
      shellCpuMs,
      cpuRatio: marqueeCpuMs && shellCpuMs ? marqueeCpuMs / shellCpuMs : null,
      runs,
      marquee: 'node out/main/cli.js --data-dir <fresh> index <dir> --wait --json (whole command)',
      shell: `xargs -0 -n 1 -P 2: openssl dgst -sha256; exiftool -json; vipsthumbnail -s ${Object.values(SIZES).join('/')} -o x.webp[Q=80]`,
      dir: basename(dir),
    },
  })
  if (marqueeCpuMs && shellCpuMs) {
    row.notes = [
      `CPU time (user + system, median): marquee ${cpu(marqueeCpuMs)}, shell ${cpu(shellCpuMs)} (${(marqueeCpuMs / shellCpuMs).toFixed(2)}×)`,
    ]
  }
  return [row]
}
