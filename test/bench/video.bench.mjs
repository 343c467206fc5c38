// One 1080p H.264 + AAC video through `index --wait` (identify, hash, metadata with ffprobe,
// poster frame and its WebP pyramid, 720p preview) against the same work as ffmpeg and
// vipsthumbnail command lines run one after another: the poster and preview with the argument
// lists Marquee builds (src/main/media/ffmpeg-args.ts), then the poster to the three sizes.
// Both sides use the same ffmpeg binary (FFMPEG_PATH, else the one on PATH).
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ensureBuilt, freshDataDir, quick } from './lib/marquee.mjs'
import { median, ratioRow, seconds } from './lib/measure.mjs'
import { probe } from './lib/probe.mjs'
import {
  cpu,
  indexAndWait,
  load,
  medianOrNull,
  mediaDir,
  ok,
  requireTools,
  scratch,
  timed,
  which,
} from './lib/processing.mjs'

export const description =
  '1080p video: poster, thumbnails and 720p preview against the same ffmpeg/vipsthumbnail commands (≤ 1.1×)'

const RUNS = 3
const MAX = 1.1
const SIZES = { l: 1920, m: 800, s: 200 }

/** A `secs`-second 1080p25 H.264 High + AAC test video, alone in its folder; made once. */
function testVideo(ffmpeg, secs) {
  const dir = join(mediaDir('video'), `1080p-${secs}s`)
  const path = join(dir, 'clip.mp4')
  if (existsSync(path)) return { dir, path }
  mkdirSync(dir, { recursive: true })
  const partial = join(mediaDir('video'), `clip-${secs}s.partial`)
  ok(
    timed(ffmpeg, [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=25:duration=${secs}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${secs}`],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-crf', '23'],
      ...['-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart'],
      ...['-f', 'mp4', partial],
    ]),
    'ffmpeg (making the test video)',
  )
  renameSync(partial, path)
  return { dir, path }
}

/** The reference: poster, preview, then three thumbnails of the poster, one after another. */
function reference(ffmpeg, input) {
  const out = scratch('video-reference')
  const poster = join(out, 'poster.png')
  const preview = join(out, 'preview.mp4')
  const args = probe('processing-media', [
    'ffmpeg-args',
    input,
    poster,
    preview,
    '1920',
    '1080',
    '25',
  ])
  const steps = {}
  let cpuMs = 0
  const step = (name, run, what) => {
    ok(run, what)
    steps[name] = (steps[name] ?? 0) + run.ms
    cpuMs = cpuMs === null || run.cpuMs === null ? null : cpuMs + run.cpuMs
  }
  step('posterMs', timed(ffmpeg, args.poster), 'ffmpeg (poster)')
  step('previewMs', timed(ffmpeg, args.preview), 'ffmpeg (preview)')
  for (const [k, px] of Object.entries(SIZES)) {
    const thumbnail = join(out, `poster-${k}.webp[Q=80]`)
    step(
      'thumbnailsMs',
      timed('vipsthumbnail', [poster, '-s', String(px), '-o', thumbnail]),
      'vipsthumbnail',
    )
  }
  const made = readdirSync(out).filter((f) => f.endsWith('.webp')).length
  if (made !== 3 || statSync(preview).size === 0)
    throw new Error('the reference made no preview or thumbnails')
  return { ms: steps.posterMs + steps.previewMs + steps.thumbnailsMs, cpuMs, steps, args }
}

/** The derivative files (WebP pyramid, preview) anywhere under `dir`. */
function derivatives(dir) {
  const found = []
  for (const item of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (item.isFile() && /^(small|medium|large)\.webp$|^preview\.mp4$/.test(item.name))
      found.push(item.name)
  }
  return found.sort()
}

export async function run({ log }) {
  requireTools(process.env.FFMPEG_PATH || 'ffmpeg', 'vipsthumbnail')
  ensureBuilt()
  const ffmpeg = process.env.FFMPEG_PATH || which('ffmpeg')
  const secs = quick ? 10 : 30
  const { dir, path } = testVideo(ffmpeg, secs)
  const label = `${secs} s 1080p`
  timed('cat', [path]) // untimed: into the page cache
  const runs = []
  let args
  for (let i = 0; i < RUNS; i++) {
    const loadBefore = load()
    const ref = reference(ffmpeg, path)
    args = ref.args
    const dataDir = freshDataDir('video')
    const marquee = await indexAndWait(dataDir, dir, { env: { FFMPEG_PATH: ffmpeg } })
    const made = derivatives(join(dataDir, 'cache'))
    if ((marquee.assets.ready ?? 0) !== 1 || made.length !== 4) {
      throw new Error(`marquee: ${JSON.stringify(marquee.assets)}, derivatives ${made.join(', ')}`)
    }
    runs.push({
      marqueeMs: marquee.ms,
      referenceMs: ref.ms,
      marqueeCpuMs: marquee.cpuMs,
      referenceCpuMs: ref.cpuMs,
      reference: ref.steps,
      loadBefore,
    })
    log(
      `video ${label} #${i + 1}: marquee ${seconds(marquee.ms)} (CPU ${cpu(marquee.cpuMs)}), ` +
        `ffmpeg+vips ${seconds(ref.ms)} (CPU ${cpu(ref.cpuMs)}) ` +
        `(poster ${seconds(ref.steps.posterMs)}, preview ${seconds(ref.steps.previewMs)}, thumbnails ${seconds(ref.steps.thumbnailsMs)}; load ${loadBefore})`,
    )
  }
  const marqueeMs = median(runs.map((r) => r.marqueeMs))
  const referenceMs = median(runs.map((r) => r.referenceMs))
  const marqueeCpuMs = medianOrNull(runs.map((r) => r.marqueeCpuMs))
  const referenceCpuMs = medianOrNull(runs.map((r) => r.referenceCpuMs))
  const row = ratioRow({
    test: `video ${label}, poster + preview`,
    marquee: seconds(marqueeMs),
    reference: `ffmpeg+vips ${seconds(referenceMs)}`,
    value: marqueeMs,
    referenceValue: referenceMs,
    max: MAX,
    metrics: {
      seconds: secs,
      bytes: statSync(path).size,
      ffmpeg,
      marqueeMs,
      referenceMs,
      marqueeCpuMs,
      referenceCpuMs,
      runs,
      referenceArgs: args,
      marquee:
        'node out/main/cli.js --data-dir <fresh> index <dir> --wait --json (whole command), FFMPEG_PATH as the reference',
    },
  })
  if (marqueeCpuMs && referenceCpuMs) {
    row.notes = [
      `CPU time (user + system, median): marquee ${cpu(marqueeCpuMs)}, ffmpeg+vips ${cpu(referenceCpuMs)} (${(marqueeCpuMs / referenceCpuMs).toFixed(2)}×)`,
    ]
  }
  return [row]
}
