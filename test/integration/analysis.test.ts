import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { landscapeVideo } from '../fixtures/media'
import { testCore } from '../support/core'
import { assetAt, indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

const solid = (file: string, background: string) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background } })
    .png()
    .toFile(file)

/** Left quarter `left`, the rest `right`. */
const twoColour = (file: string, left: string, right: string) =>
  sharp({ create: { width: 800, height: 400, channels: 3, background: right } })
    .composite([
      {
        input: { create: { width: 200, height: 400, channels: 3, background: left } },
        left: 0,
        top: 0,
      },
    ])
    .png()
    .toFile(file)

describe('colour analysis', () => {
  it('stores a palette per image and video poster and filters the gallery by colour', async () => {
    const folder = tempDir('marquee-colours-')
    await solid(join(folder, 'red.png'), '#d01020')
    await solid(join(folder, 'white.png'), '#ffffff')
    await twoColour(join(folder, 'sea.png'), '#f0d000', '#1040c0')
    await landscapeVideo(folder, 'clip.mp4')
    const core = testCore()
    await core.services.roots.add({ path: folder })
    await indexAndProcess(core)
    const at = (name: string) => assetAt(core, join(folder, name))

    expect(at('red.png').palette).toEqual([{ hex: '#d01020', share: 1 }])
    expect(at('white.png').palette).toEqual([{ hex: '#ffffff', share: 1 }])
    // Resizing blends the edge between the two; those slivers count towards the nearer colour.
    const sea = at('sea.png').palette
    expect(sea.map((c) => c.hex)).toEqual(['#1040c0', '#f0d000'])
    expect(sea[0]!.share).toBeCloseTo(0.75, 1)
    expect(sea[1]!.share).toBeCloseTo(0.25, 1)
    const clip = at('clip.mp4')
    expect(clip.status, clip.error ?? '').toBe('ready')
    expect(clip.palette.length).toBeGreaterThan(0)
    expect(clip.palette.length).toBeLessThanOrEqual(5)

    const names = async (query: { color: string; colorDistance?: number }) => {
      const page = await core.dispatch('assets.page', query)
      if (!page.ok) throw new Error(page.error.message)
      return (page.result as { items: Array<{ name: string }> }).items.map((r) => r.name).sort()
    }
    // A slightly different red finds the red picture; yellow finds the minority colour too.
    expect(await names({ color: '#c81828' })).toEqual(['red.png'])
    expect(await names({ color: '#ffd800' })).toEqual(['sea.png'])
    expect(await names({ color: '#1844b8' })).toEqual(['sea.png'])
    expect(await names({ color: '#fafafa' })).toContain('white.png')
    expect(await names({ color: '#805020', colorDistance: 5 })).toEqual([])
  }, 60_000)
})
