import { join } from 'node:path'
import { FFMPEG } from '../fixtures/media'

const BITEXACT = ['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact']
const testsrc = (size: string, seconds: number) => [
  '-f',
  'lavfi',
  '-i',
  `testsrc2=size=${size}:rate=25:duration=${seconds}`,
]
const stereo = (seconds: number) => [
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
]
/** The streams fhd-h264 accepts as they are: H.264 High yuv420p, AAC-LC 48 kHz stereo. */
const PLAYER_STREAMS = [
  ...['-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-preset', 'veryfast'],
  ...['-c:a', 'aac', '-ar', '48000', '-ac', '2'],
]

async function compliantMp4(dir: string, name: string, faststart: boolean): Promise<string> {
  const out = join(dir, name)
  const index = faststart ? ['-movflags', '+faststart'] : []
  await FFMPEG.run([
    ...testsrc('1280x720', 2),
    ...stereo(2),
    ...PLAYER_STREAMS,
    ...index,
    ...BITEXACT,
    out,
  ])
  return out
}

/** What fhd-h264 accepts as is: the player streams in an MP4 with faststart. */
export const playerReadyMp4 = (dir: string, name = 'ready.mp4'): Promise<string> =>
  compliantMp4(dir, name, true)

/** The same streams without faststart (the index after the data): only a remux is needed. */
export const noFaststartMp4 = (dir: string, name = 'no-faststart.mp4'): Promise<string> =>
  compliantMp4(dir, name, false)

/** Non-compliant: 4:4:4 H.264 at 2560×1440 must be transcoded. */
export async function oversizeMp4(dir: string, name = 'oversize.mp4'): Promise<string> {
  const out = join(dir, name)
  await FFMPEG.run([
    ...testsrc('2560x1440', 1),
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv444p',
    '-preset',
    'ultrafast',
    ...BITEXACT,
    out,
  ])
  return out
}
