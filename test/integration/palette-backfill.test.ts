import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { JobName, PRIORITY } from '../../src/main/jobs/job-names'
import { testCore } from '../support/core'
import { assetAt, indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

describe('palettes of pictures processed before there were any', () => {
  it('are read from the small thumbnail by the analysis job', async () => {
    const folder = tempDir('marquee-palette-')
    await sharp({ create: { width: 320, height: 200, channels: 3, background: '#1040c0' } })
      .png()
      .toFile(join(folder, 'harbour.png'))
    const core = testCore()
    await core.services.roots.add({ path: folder })
    await indexAndProcess(core)
    const processed = assetAt(core, join(folder, 'harbour.png'))
    expect(processed.palette[0]).toMatchObject({ hex: '#1040c0' })

    // As a library processed before version 15 has it: no palette.
    core.db.prepare('DELETE FROM asset_colors WHERE asset_id = ?').run(processed.id)
    expect(assetAt(core, join(folder, 'harbour.png')).palette).toEqual([])
    core.db
      .prepare(
        "INSERT INTO jobs (kind, asset_id, priority, status, created_at, updated_at) VALUES (?, ?, ?, 'queued', 1, 1)",
      )
      .run(JobName.AssetAnalyze, processed.id, PRIORITY.background)
    core.services.jobs.queueDiscovered()
    await core.services.jobs.idle()
    const analysed = assetAt(core, join(folder, 'harbour.png'))
    expect(analysed.status).toBe('ready')
    // The thumbnail is lossy WebP: the colour comes back within a step or two per channel.
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
    const [r, g, b] = rgb(analysed.palette[0]!.hex)
    expect(Math.max(Math.abs(r! - 0x10), Math.abs(g! - 0x40), Math.abs(b! - 0xc0))).toBeLessThan(4)
    expect(analysed.palette[0]!.share).toBeGreaterThan(0.9)
  }, 60_000)
})
