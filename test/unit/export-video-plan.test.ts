import { describe, expect, it } from 'vitest'
import type { VideoFacts } from '../../src/main/media/ffprobe-facts'
import { PROFILES, profileById, profileLimits } from '../../src/main/export/profiles'
import { outputFrameRate } from '../../src/main/export/video-args'
import {
  exportVideoArgs,
  planImage,
  planVideo,
  sourceFacts,
  type SourceFacts,
} from '../../src/main/export/video-plan'

const fhd = PROFILES['fhd-h264']
const uhd = PROFILES['uhd-h264']
const QUIET = ['-hide_banner', '-loglevel', 'error', '-nostdin']

/** A phone-camera-like 1080p H.264 High 4.0 clip with AAC-LC stereo, as parseFfprobe gives it. */
const compliant: VideoFacts = {
  durationMs: 31_000,
  width: 1920,
  height: 1080,
  rotation: 0,
  videoCodec: 'h264',
  profile: 'High',
  level: 40,
  pixelFormat: 'yuv420p',
  bitRate: 8_200_000,
  frameRate: 30000 / 1001,
  hasVideo: true,
  hasAudio: true,
  audioCodec: 'aac',
  audioChannels: 2,
  audioSampleRate: 48_000,
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
}
const mp4: SourceFacts = {
  faststart: true,
  container: 'mp4',
  constantFrameRate: true,
  audioProfile: 'LC',
}

function plan(facts: Partial<VideoFacts>, source: Partial<SourceFacts> = {}, keepAudio = true) {
  return planVideo({ ...compliant, ...facts }, { ...mp4, ...source }, fhd, keepAudio)
}

describe('planVideo', () => {
  it('copies a compliant 1080p H.264 High 4.0 AAC MP4 with faststart as it is', () => {
    expect(plan({})).toEqual({ handling: 'copied', reasons: [], video: 'copy', audio: 'copy' })
  })

  it('remuxes the same streams out of a MOV', () => {
    expect(plan({}, { container: 'mov' })).toEqual({
      handling: 'remuxed',
      reasons: ['MOV container'],
      video: 'copy',
      audio: 'copy',
    })
  })

  it('remuxes an MP4 whose index comes after the data', () => {
    expect(plan({}, { faststart: false })).toMatchObject({
      handling: 'remuxed',
      reasons: ['no faststart'],
    })
  })

  it.each<[string, Partial<VideoFacts>, Partial<SourceFacts>, string]>([
    ['HEVC', { videoCodec: 'hevc', profile: 'Main', level: 153 }, {}, 'HEVC video'],
    ['10-bit', { pixelFormat: 'yuv420p10le', profile: 'High 10' }, {}, '10-bit colour'],
    ['25 Mbit/s', { bitRate: 25_000_000 }, {}, '25 Mbit/s is above 20 Mbit/s'],
    ['VFR', { frameRate: 29.87 }, { constantFrameRate: false }, '29.87 fps variable frame rate'],
    ['120 fps', { frameRate: 120, level: 42 }, {}, '120 fps is above 60 fps'],
    ['level 5.1', { level: 51 }, {}, 'H.264 level 5.1 is above 4.1'],
    ['rotated', { rotation: 90, width: 1080, height: 1920 }, {}, 'turned 90° by metadata'],
  ])('transcodes the picture of a %s video', (_name, facts, source, reason) => {
    const result = plan(facts, source)
    expect(result).toMatchObject({ handling: 'transcoded', video: 'encode', audio: 'copy' })
    expect(result.reasons).toContain(reason)
  })

  it('transcodes a 4K video into a 1080p profile and says by how much it is too large', () => {
    const result = plan({ width: 3840, height: 2160, level: 51, frameRate: 25 })
    expect(result.handling).toBe('transcoded')
    expect(result.reasons).toEqual([
      'H.264 level 5.1 is above 4.1',
      '3840×2160 is larger than 1920×1080',
    ])
  })

  it('copies a 4K video into the 4K profile', () => {
    const facts = { ...compliant, width: 3840, height: 2160, level: 51, bitRate: 35_000_000 }
    expect(planVideo(facts, mp4, uhd, true).handling).toBe('copied')
  })

  it('lets a portrait 1080×1920 video fit a 1920×1080 profile', () => {
    expect(plan({ width: 1080, height: 1920 }).handling).toBe('copied')
    expect(plan({ width: 1440, height: 2560 }).reasons).toContain(
      '1440×2560 is larger than 1080×1920',
    )
  })

  it('allows level 4.2 above 30 fps and not at 30', () => {
    expect(plan({ frameRate: 60, level: 42 }).handling).toBe('copied')
    expect(plan({ frameRate: 30, level: 42 }).reasons).toEqual(['H.264 level 4.2 is above 4.1'])
  })

  it('re-encodes only the audio of a video with Opus sound', () => {
    expect(plan({ audioCodec: 'opus' }, { container: 'matroska', audioProfile: null })).toEqual({
      handling: 'transcoded',
      reasons: ['Opus audio', 'MKV container'],
      video: 'copy',
      audio: 'encode',
    })
  })

  it('re-encodes HE-AAC and surround audio, and copies 44.1 kHz AAC-LC', () => {
    expect(plan({}, { audioProfile: 'HE-AAC' }).reasons).toEqual(['HE-AAC audio'])
    expect(plan({ audioChannels: 6 }).reasons).toEqual(['6-channel audio'])
    expect(plan({ audioSampleRate: 44_100 }).handling).toBe('copied')
  })

  it('remuxes without the sound when audio is dropped, and copies a silent video', () => {
    expect(plan({}, {}, false)).toEqual({
      handling: 'remuxed',
      reasons: ['audio dropped'],
      video: 'copy',
      audio: 'drop',
    })
    const silent = { hasAudio: false, audioCodec: null, audioChannels: null, audioSampleRate: null }
    expect(plan(silent, { audioProfile: null }, false)).toMatchObject({
      handling: 'copied',
      audio: 'none',
    })
  })

  it('does not copy what it cannot check', () => {
    const result = plan({ bitRate: null, level: null }, { constantFrameRate: null })
    expect(result.handling).toBe('transcoded')
    expect(result.reasons).toEqual([
      'unknown H.264 level',
      'frame rate may vary',
      'unknown bit rate',
    ])
  })

  it('shows enough digits that a rate just over the limit does not read as equal', () => {
    expect(plan({ bitRate: 20_040_000 }).reasons).toEqual(['20.04 Mbit/s is above 20 Mbit/s'])
  })
})

describe('sourceFacts', () => {
  const probe = (brand: string | null, avg: string, nominal: string) => ({
    format: {
      format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
      ...(brand === null ? {} : { tags: { major_brand: brand } }),
    },
    streams: [
      { codec_type: 'video', avg_frame_rate: avg, r_frame_rate: nominal },
      { codec_type: 'audio', profile: 'LC', avg_frame_rate: '0/0', r_frame_rate: '0/0' },
    ],
  })

  it('tells a MOV from an MP4 by the major brand ffprobe reports', () => {
    expect(sourceFacts(probe('qt  ', '30/1', '30/1'), true).container).toBe('mov')
    expect(sourceFacts(probe('isom', '30/1', '30/1'), true).container).toBe('mp4')
    expect(sourceFacts(probe(null, '30/1', '30/1'), true).container).toBe('mov')
    expect(sourceFacts(probe('3gp4', '30/1', '30/1'), true).container).toBe('3gp')
  })

  it('calls a phone clip averaging 15 fps against a nominal 30 variable', () => {
    expect(sourceFacts(probe('isom', '900/59', '30/1'), true)).toEqual({
      faststart: true,
      container: 'mp4',
      constantFrameRate: false,
      audioProfile: 'LC',
    })
    expect(sourceFacts(probe('isom', '30000/1001', '30000/1001'), true).constantFrameRate).toBe(
      true,
    )
    expect(sourceFacts(probe('isom', '0/0', '30/1'), true).constantFrameRate).toBeNull()
  })

  it('reads Matroska and WebM as one container', () => {
    const json = { format: { format_name: 'matroska,webm' }, streams: [] }
    expect(sourceFacts(json, false).container).toBe('matroska')
  })
})

describe('exportVideoArgs', () => {
  it('remuxes a MOV into a faststart MP4 without touching the streams', () => {
    const request = { input: '/nas/promo.mov', output: '/cache/promo.part', facts: compliant }
    const remux = plan({}, { container: 'mov' })
    expect(exportVideoArgs({ ...request, plan: remux, profile: fhd })).toEqual([
      ...QUIET,
      '-i',
      'file:/nas/promo.mov',
      '-map',
      '0:V:0',
      '-map',
      '0:a:0',
      '-c:v',
      'copy',
      '-c:a',
      'copy',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      '-y',
      'file:/cache/promo.part',
    ])
  })

  it('transcodes a 4K 60 fps HEVC with Opus into 1080p60 H.264 High 4.2 with AAC-LC', () => {
    const facts: VideoFacts = {
      ...compliant,
      width: 3840,
      height: 2160,
      videoCodec: 'hevc',
      profile: 'Main 10',
      level: 153,
      pixelFormat: 'yuv420p10le',
      bitRate: 45_000_000,
      frameRate: 60,
      audioCodec: 'opus',
    }
    const source: SourceFacts = { ...mp4, container: 'matroska', audioProfile: null }
    const transcode = planVideo(facts, source, fhd, true)
    const args = exportVideoArgs({
      input: '/nas/drone.mkv',
      output: '/cache/drone.part',
      plan: transcode,
      facts,
      profile: fhd,
    })
    expect(args).toEqual([
      ...QUIET,
      '-i',
      'file:/nas/drone.mkv',
      '-map',
      '0:V:0',
      '-map',
      '0:a:0',
      '-vf',
      'scale=w=1920:h=1080:force_original_aspect_ratio=decrease:force_divisible_by=2',
      '-fps_mode',
      'cfr',
      '-r',
      '60',
      '-c:v',
      'libx264',
      '-preset',
      'medium',
      '-crf',
      '20',
      '-maxrate',
      '19500k',
      '-bufsize',
      '39000k',
      '-profile:v',
      'high',
      '-level:v',
      '4.2',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '192k',
      '-ac',
      '2',
      '-ar',
      '48000',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      '-y',
      'file:/cache/drone.part',
    ])
  })

  it('drops the sound with -an when the export leaves audio out', () => {
    const args = exportVideoArgs({
      input: '/a.mp4',
      output: '/b.mp4',
      plan: plan({}, {}, false),
      facts: compliant,
      profile: fhd,
    })
    expect(args).toContain('-an')
    expect(args).not.toContain('0:a:0')
    expect(args.slice(args.indexOf('-c:v'), args.indexOf('-c:v') + 2)).toEqual(['-c:v', 'copy'])
  })

  it('copies the video stream when only the audio needs work', () => {
    const facts = { ...compliant, audioCodec: 'opus' }
    const args = exportVideoArgs({
      input: '/a.mp4',
      output: '/b.mp4',
      plan: planVideo(facts, { ...mp4, audioProfile: null }, fhd, true),
      facts,
      profile: fhd,
    })
    expect(args.join(' ')).toContain('-c:v copy -c:a aac -b:a 192k -ac 2 -ar 48000')
    expect(args).not.toContain('-vf')
  })

  it('fits a portrait video into the turned box and never enlarges a small one', () => {
    const args = (facts: Partial<VideoFacts>) =>
      exportVideoArgs({
        input: '/a',
        output: '/b',
        plan: plan({ ...facts, bitRate: 30_000_000 }),
        facts: { ...compliant, ...facts },
        profile: fhd,
      })
    expect(args({ width: 2160, height: 3840 })).toContain(
      'scale=w=1080:h=1920:force_original_aspect_ratio=decrease:force_divisible_by=2',
    )
    expect(args({ width: 641, height: 361 })).toContain(
      'scale=w=641:h=361:force_original_aspect_ratio=decrease:force_divisible_by=2',
    )
  })

  it('has nothing to run for a copied video', () => {
    expect(() =>
      exportVideoArgs({
        input: '/a',
        output: '/b',
        plan: plan({}),
        facts: compliant,
        profile: fhd,
      }),
    ).toThrow(/copy the source file/)
  })
})

describe('outputFrameRate', () => {
  it.each<[number | null, string | null]>([
    [30000 / 1001, '30000/1001'],
    [25, '25'],
    [28.6, '30000/1001'],
    [59.94, '60000/1001'],
    [120, '60'],
    [12.5, '12.5'],
    [null, null],
  ])('encodes a %s fps source at %s fps', (rate, expected) => {
    expect(outputFrameRate(rate, 60)).toBe(expected)
  })
})

describe('planImage', () => {
  it.each<[number, number, number, number]>([
    [6000, 4000, 1620, 1080],
    [4000, 6000, 1080, 1620],
    [3000, 3000, 1080, 1080],
    [800, 600, 800, 600],
    [8000, 1000, 1920, 240],
  ])('fits %i×%i into %i×%i for 1080p', (width, height, w, h) => {
    expect(planImage(width, height, fhd)).toEqual({
      width: w,
      height: h,
      format: 'webp',
      quality: 85,
    })
  })

  it('uses the profile format and the 4K bounds', () => {
    expect(planImage(6000, 4000, PROFILES['fhd-h264-jpeg'])).toMatchObject({
      format: 'jpeg',
      quality: 90,
    })
    expect(planImage(6000, 4000, uhd)).toMatchObject({ width: 3240, height: 2160 })
  })

  it('refuses a size that is not whole pixels', () => {
    expect(() => planImage(0, 10, fhd)).toThrow(RangeError)
  })
})

describe('profiles', () => {
  it('names the valid ids when an unknown one is asked for', () => {
    expect(() => profileById('4k')).toThrow('use one of: fhd-h264, fhd-h264-jpeg, uhd-h264')
    expect(profileById('uhd-h264').video.levelAbove30fps).toBe('5.2')
  })

  it('writes an independent copy of the limits with this export’s audio choice', () => {
    const limits = profileLimits(fhd, false)
    expect(limits).toMatchObject({ id: 'fhd-h264', keepAudio: false, maxLongEdge: 1920 })
    limits.video.profiles.push('Extended')
    expect(fhd.video.profiles).toHaveLength(4)
  })
})
