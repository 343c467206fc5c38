import { linkSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { ffprobeJson } from '../fixtures/media'
import { playerReadyMp4 } from '../support/export-fixtures'
import { coreAt } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'
import { tempDir } from '../support/temp'

const VIDEOS = 500
const IMAGES = 500

describe('compliance of a 1,000-item playlist', () => {
  it('answers from stored facts: every item planned, no ffprobe, the file read once per video', async () => {
    const media = tempDir('marquee-media-')
    const first = await playerReadyMp4(media, 'clip-0.mp4')
    const probe = await ffprobeJson(first)
    // Distinct assets on disk (hard links: real MP4 headers to read), as processing leaves them.
    for (let i = 1; i < VIDEOS; i++) linkSync(first, join(media, `clip-${i}.mp4`))
    mkdirSync(join(media, 'photos'))
    // An ffprobe run would fail, and its item show "cannot play": the facts must come stored.
    const ffprobe = process.env.FFPROBE_PATH
    process.env.FFPROBE_PATH = join(media, 'no-ffprobe-here')
    const core = coreAt(tempDir('marquee-data-'))
    const rootId = insertRoot(core.db, media)
    const hex = (n: number, c: string) => `${c}${n.toString(16).padStart(63, '0')}`
    const ids = insertAssets(core.db, rootId, [
      ...Array.from({ length: VIDEOS }, (_, i) => ({
        name: `clip-${i}.mp4`,
        type: 'video' as const,
        sha256: hex(i, 'a'),
        metadata: { ffprobeRaw: probe },
      })),
      ...Array.from({ length: IMAGES }, (_, i) => ({
        dir: 'photos',
        name: `photo-${i}.jpg`,
        sha256: hex(i, 'b'),
        width: 4032,
        height: 3024,
      })),
    ])
    const playlist = core.services.collections.create('playlist', 'Big').id
    core.services.collections.add('playlist', 'Big', ids, null)
    const cold = performance.now()
    const report = await core.services.compliance.check(playlist)
    const coldMs = performance.now() - cold
    const warm = performance.now()
    await core.services.compliance.check(playlist, 'fhd-h264-jpeg')
    const warmMs = performance.now() - warm

    expect(report.items).toHaveLength(VIDEOS + IMAGES)
    expect(report.counts).toMatchObject({ plays: VIDEOS, converted: IMAGES })
    // Measured, not asserted (docs/profiles.md gives the figures).
    console.log(
      `compliance: ${VIDEOS + IMAGES} items, first check ${coldMs.toFixed(0)} ms, again (another profile) ${warmMs.toFixed(0)} ms`,
    )
    await core.close()
    if (ffprobe === undefined) delete process.env.FFPROBE_PATH
    else process.env.FFPROBE_PATH = ffprobe
  }, 120_000)
})
