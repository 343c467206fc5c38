import { execFileSync } from 'node:child_process'
import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/main/errors'
import { parseFfprobe } from '../../src/main/media/ffmpeg-args'
import { resolveBinaries } from '../../src/main/repositories/binaries'
import { FfmpegError, FfmpegRepository } from '../../src/main/repositories/ffmpeg.repository'
import { landscapeVideo, noiseAsMp4 } from '../fixtures/media'
import { tempDir } from '../support/temp'

/**
 * Ten minutes of test pattern read at its own pace (-re): it cannot finish within a test, and
 * costs little CPU while it runs.
 */
const ENDLESS = [
  ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-re'],
  ...['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=600', '-f', 'null', '-'],
]

/** True once the process is gone and reaped: signal 0 then fails with ESRCH. */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** A named pipe nobody writes to: ffprobe blocks opening it, as on a NAS that stopped answering. */
function silentPipe(dir: string): string {
  const path = join(dir, 'stalled.mp4')
  execFileSync('mkfifo', [path])
  return path
}

const repos: FfmpegRepository[] = []
function repository(binaries = resolveBinaries()): FfmpegRepository {
  const repo = new FfmpegRepository(binaries)
  repos.push(repo)
  return repo
}

afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.close()))
})

describe('FfmpegRepository', () => {
  it('describes a generated clip as format and streams', async () => {
    const dir = tempDir()
    // A name ffmpeg would take for a protocol and an option without the file: prefix.
    const clip = join(dir, '-v clip:1.mp4')
    await rename(await landscapeVideo(dir), clip)

    const probe = await repository().probe(clip, 30_000)

    expect(probe.format.format_name).toContain('mp4')
    expect(probe.streams.map((s) => s.codec_type)).toEqual(['video', 'audio'])
    expect(parseFfprobe(probe)).toMatchObject({
      width: 640,
      height: 360,
      videoCodec: 'h264',
      hasAudio: true,
      audioCodec: 'aac',
    })
    expect(parseFfprobe(probe).durationMs).toBeGreaterThan(2900)
  })

  it('fails a file that is not a video with the reason ffprobe gave', async () => {
    const noise = await noiseAsMp4(tempDir())

    const error = await repository()
      .probe(noise, 30_000)
      .catch((e: unknown) => e)

    expect(error).toBeInstanceOf(FfmpegError)
    expect(error).toMatchObject({ timedOut: false })
    expect((error as Error).message).toBe(
      `ffprobe exited with code 1: ${noise}: Invalid data found when processing input`,
    )
  })

  it('fails an ffmpeg run with the last line of its stderr', async () => {
    const missing = join(tempDir(), 'gone.mp4')
    const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', `file:${missing}`]

    const run = repository().run([...args, '-f', 'null', '-'], 30_000)

    await expect(run).rejects.toThrow(
      `ffmpeg exited with code 1: ${missing}: No such file or directory`,
    )
  })

  it('names what to install, and the override, when a binary is missing', async () => {
    const repo = repository({ ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' })

    const probe = await repo.probe('/tmp/a.mp4', 30_000).catch((e: unknown) => e)
    const run = await repo.run(ENDLESS, 30_000).catch((e: unknown) => e)

    expect(probe).toBeInstanceOf(AppError)
    expect(probe).toMatchObject({ code: 'UNAVAILABLE' })
    expect((probe as Error).message).toMatch(/ffprobe was not found at \/nonexistent\/ffprobe/)
    expect((probe as Error).message).toMatch(/apt-get install ffmpeg.*FFPROBE_PATH/)
    expect((run as Error).message).toMatch(/ffmpeg was not found.*FFMPEG_PATH/)
    expect(repo.pids).toEqual([])
  })

  it('kills a long run when its signal aborts, and leaves no process behind', async () => {
    const repo = repository()
    const controller = new AbortController()

    const run = repo.run(ENDLESS, 60_000, controller.signal)
    const [pid] = repo.pids
    expect(isGone(pid!)).toBe(false)
    controller.abort(new Error('cancelled by the user'))

    await expect(run).rejects.toThrow('cancelled by the user')
    expect(isGone(pid!)).toBe(true)
    expect(repo.pids).toEqual([])
  })

  it('does not start a run whose signal has already aborted', async () => {
    const repo = repository()

    const run = repo.run(ENDLESS, 60_000, AbortSignal.abort(new Error('too late')))

    await expect(run).rejects.toThrow('too late')
    expect(repo.pids).toEqual([])
  })

  it('kills a run that outlives its time limit', async () => {
    const repo = repository()

    const run = repo.run(ENDLESS, 500).catch((e: unknown) => e)
    const [pid] = repo.pids

    const error = await run
    expect(error).toBeInstanceOf(FfmpegError)
    expect(error).toMatchObject({
      timedOut: true,
      message: 'ffmpeg took longer than 500 ms and was stopped',
    })
    expect(isGone(pid!)).toBe(true)
  })

  it.skipIf(process.platform === 'win32')('kills an ffprobe that hangs on its input', async () => {
    const repo = repository()

    const probe = repo.probe(silentPipe(tempDir()), 500).catch((e: unknown) => e)
    const [pid] = repo.pids

    expect(await probe).toMatchObject({
      timedOut: true,
      message: 'ffprobe took longer than 500 ms and was stopped',
    })
    expect(isGone(pid!)).toBe(true)
  })

  it.skipIf(process.platform === 'win32')(
    'kills every running child on close, and starts no more',
    async () => {
      const repo = repository()
      const runs = [
        repo.run(ENDLESS, 60_000),
        repo.run(ENDLESS, 60_000),
        repo.probe(silentPipe(tempDir()), 60_000),
      ].map((p) => p.catch((e: unknown) => e))
      const pids = repo.pids
      expect(pids).toHaveLength(3)

      await repo.close()

      for (const error of await Promise.all(runs))
        expect(error).toMatchObject({ code: 'CANCELLED' })
      expect(pids.filter((pid) => !isGone(pid))).toEqual([])
      expect(repo.pids).toEqual([])
      await expect(repo.run(ENDLESS, 60_000)).rejects.toMatchObject({ code: 'CANCELLED' })
    },
  )
})
