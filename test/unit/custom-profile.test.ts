import { describe, expect, it } from 'vitest'
import { customProfile, maxFrameRateFor } from '../../src/main/export/custom-profile'
import { checkCustomProfile } from '../../src/main/export/custom-profile-schema'
import { planImage } from '../../src/main/export/video-plan'

const request = {
  name: 'lobby-720p',
  maxResolution: '1280×720',
  level: '4.0',
  maxBitRateMbps: 8.5,
  imageFormat: 'jpeg',
}

describe('custom player profiles', () => {
  it('reads what the operator typed into a profile the planner uses', () => {
    const checked = checkCustomProfile(request)
    expect(checked).toEqual({
      ok: true,
      spec: {
        name: 'lobby-720p',
        maxWidth: 1280,
        maxHeight: 720,
        level: '4.0',
        maxBitRate: 8_500_000,
        imageFormat: 'jpeg',
      },
    })
    if (!checked.ok) return
    const profile = customProfile(checked.spec)
    expect(profile).toMatchObject({ id: 'lobby-720p', maxLongEdge: 1280, maxShortEdge: 720 })
    expect(profile.video).toMatchObject({ level: '4.0', maxBitRate: 8_500_000, maxFrameRate: 60 })
    // A portrait picture fits the profile's box turned.
    expect(planImage(1080, 1920, profile)).toMatchObject({ width: 720, height: 1280 })
  })

  it('caps the frame rate to what the level decodes at the largest picture', () => {
    expect(maxFrameRateFor('4.1', 1920, 1080)).toBe(30)
    expect(maxFrameRateFor('4.2', 1920, 1080)).toBe(60)
    expect(maxFrameRateFor('3.1', 1280, 720)).toBe(30)
    expect(maxFrameRateFor('5.1', 3840, 2160)).toBe(30)
  })

  it('gives a profile with other numbers another cache revision', () => {
    const spec = {
      name: 'lobby-720p',
      maxWidth: 1280,
      maxHeight: 720,
      level: '4.0',
      maxBitRate: 8_500_000,
      imageFormat: 'jpeg' as const,
    }
    const same = customProfile(spec).revision
    expect(customProfile({ ...spec }).revision).toBe(same)
    expect(customProfile({ ...spec, maxBitRate: 9_000_000 }).revision).not.toBe(same)
    expect(customProfile({ ...spec, imageFormat: 'png' }).revision).not.toBe(same)
  })

  it('names an odd side, a tiny side and a missing field plainly', () => {
    const problems = (r: Record<string, unknown>) => {
      const checked = checkCustomProfile({ ...request, ...r } as typeof request)
      return checked.ok ? [] : checked.problems
    }
    expect(problems({ maxResolution: '1279x720' })).toEqual([
      'Maximum resolution: H.264 in yuv420p needs even sides (e.g. 1280x720).',
    ])
    expect(problems({ maxResolution: '32x32' })).toEqual([
      'Maximum resolution: each side must be between 64 and 8192 pixels.',
    ])
    expect(problems({ maxBitRateMbps: undefined })).toEqual([
      'Maximum bit rate: give a number of Mbit/s, e.g. 12.',
    ])
  })
})
