// Run by the processing benchmarks in its own process, through tsx (the fixtures are TypeScript):
//   node --import tsx test/bench/probes/processing-media.probe.ts photos <dir> <count>
//   node --import tsx test/bench/probes/processing-media.probe.ts mixed <dir> <count>
//   node --import tsx test/bench/probes/processing-media.probe.ts ffmpeg-args <in> <poster> <preview> <w> <h> <fps>
// photos: `count` 12 MP camera-like JPEGs (test/fixtures/media.ts largePhotos), reused if there.
// mixed:  a library of `count` files, mostly 1–2 MP JPEG/PNG photos plus ~2 % each short videos,
//         audio and broken files; files already there are kept.
// ffmpeg-args: the poster and preview argument lists Marquee itself would run.
// Prints one JSON line.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { posterArgs, previewArgs } from '../../../src/main/media/ffmpeg-args'
import {
  emptyFile,
  FFMPEG,
  largePhotos,
  noiseAsMp4,
  programAsPng,
  textAsJpg,
  truncatedJpeg,
} from '../../fixtures/media'
import { limiter, outPath, photoLike, seededRandom } from '../../fixtures/media-tools'

const [mode, ...args] = process.argv.slice(2) as [string, ...string[]]

const exists = async (path: string) => ((await stat(path).catch(() => undefined))?.size ?? 0) > 0

async function mixed(dir: string, count: number) {
  const videos = Math.max(3, Math.round(count * 0.02))
  const audio = Math.max(3, Math.round(count * 0.02))
  const broken = Math.max(5, Math.round(count * 0.02))
  const images = count - videos - audio - broken
  const random = seededRandom(4242)
  // A dozen grainy 3 MP bases; every photo is a different crop, hue and brightness of one.
  const bases = await Promise.all(
    Array.from({ length: 12 }, async (_, i) =>
      (await photoLike(2000, 1500, 500 + i, 6)).raw().toBuffer({ resolveWithObject: true }),
    ),
  )
  const cpu = limiter(3)
  const jobs: Promise<unknown>[] = []
  for (let i = 0; i < images; i++) {
    const png = i % 4 === 3
    const name = join(
      'photos',
      String(Math.floor(i / 100)).padStart(2, '0'),
      `img-${String(i).padStart(4, '0')}.${png ? 'png' : 'jpg'}`,
    )
    const [r1, r2, r3] = [random(), random(), random()]
    jobs.push(
      cpu(async () => {
        const path = await outPath(dir, name)
        if (await exists(path)) return
        const { data, info } = bases[i % bases.length]!
        const width = 1200 + Math.floor(r1 * 400)
        const height = Math.round((width * 3) / 4)
        let image = sharp(data, {
          raw: { width: info.width, height: info.height, channels: info.channels },
        })
          .extract({
            left: Math.floor(r2 * (info.width - width)),
            top: Math.floor(r3 * (info.height - height)),
            width,
            height,
          })
          .modulate({ hue: (i * 37) % 360, brightness: 0.8 + r1 * 0.4 })
        if (i % 5 === 0) image = image.rotate(90)
        if (i % 2) image = image.flop()
        await (png ? image.png({ compressionLevel: 3 }) : image.jpeg({ quality: 85 })).toFile(path)
      }),
    )
  }
  const ffmpeg = limiter(2)
  const sizes = ['640x360', '1280x720', '360x640']
  for (let i = 0; i < videos; i++) {
    const seconds = 2 + (i % 3)
    jobs.push(
      ffmpeg(async () => {
        const path = await outPath(dir, join('videos', `clip-${String(i).padStart(3, '0')}.mp4`))
        if (await exists(path)) return
        await FFMPEG.run([
          ...['-f', 'lavfi', '-i', `testsrc2=size=${sizes[i % 3]}:rate=25:duration=${seconds}`],
          ...[
            '-f',
            'lavfi',
            '-i',
            `sine=frequency=${300 + i * 37}:sample_rate=48000:duration=${seconds}`,
          ],
          ...[
            '-vf',
            `hue=h=${(i * 23) % 360}`,
            '-c:v',
            'libx264',
            '-preset',
            'veryfast',
            '-crf',
            '30',
          ],
          ...['-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', path],
        ])
      }),
    )
  }
  for (let i = 0; i < audio; i++) {
    const mp3 = i % 2 === 0
    jobs.push(
      ffmpeg(async () => {
        const path = await outPath(
          dir,
          join('audio', `tone-${String(i).padStart(3, '0')}.${mp3 ? 'mp3' : 'm4a'}`),
        )
        if (await exists(path)) return
        await FFMPEG.run([
          ...[
            '-f',
            'lavfi',
            '-i',
            `sine=frequency=${200 + i * 53}:sample_rate=44100:duration=${3 + (i % 4)}`,
          ],
          ...(mp3 ? ['-c:a', 'libmp3lame', '-b:a', '96k'] : ['-c:a', 'aac', '-b:a', '96k']),
          ...['-metadata', `title=Tone ${i}`, '-metadata', 'artist=Marquee Bench', path],
        ])
      }),
    )
  }
  const makers = [truncatedJpeg, textAsJpg, emptyFile, noiseAsMp4, programAsPng]
  const exts = ['jpg', 'jpg', 'jpg', 'mp4', 'png']
  for (let i = 0; i < broken; i++) {
    const k = i % makers.length
    jobs.push(makers[k]!(dir, join('broken', `broken-${String(i).padStart(3, '0')}.${exts[k]}`)))
  }
  await Promise.all(jobs)
  return { files: count, images, videos, audio, broken }
}

let report: unknown
if (mode === 'photos') {
  const files = await largePhotos(args[0]!, Number(args[1]))
  report = { files: files.length }
} else if (mode === 'mixed') {
  report = await mixed(args[0]!, Number(args[1]))
} else if (mode === 'ffmpeg-args') {
  const [input, poster, preview, width, height, fps] = args as [
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  report = {
    poster: posterArgs({ input, output: poster, atSeconds: 1 }),
    preview: previewArgs({
      input,
      output: preview,
      hasAudio: true,
      width: Number(width),
      height: Number(height),
      frameRate: Number(fps),
    }),
  }
} else {
  throw new Error(`unknown mode ${mode}`)
}
process.stdout.write(`${JSON.stringify(report)}\n`)
