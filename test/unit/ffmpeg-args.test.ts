import { describe, expect, it } from 'vitest'
import {
  ffprobeArgs,
  parseFfprobe,
  posterArgs,
  posterTimeSeconds,
  previewArgs,
  type VideoFacts,
} from '../../src/main/media/ffmpeg-args'

const QUIET = ['-hide_banner', '-loglevel', 'error', '-nostdin']

describe('posterTimeSeconds', () => {
  it.each([
    [3600, 1],
    [2, 1],
    [1.5, 0.75],
    [0.4, 0.2],
    [0, 0],
    [-3, 0],
    [Number.NaN, 0],
    [null, 0],
  ])('takes the poster of a %s s video at %s s', (duration, expected) => {
    expect(posterTimeSeconds(duration)).toBe(expected)
  })
})

describe('posterArgs', () => {
  const expected = (at: string) => [
    ...QUIET,
    '-ss',
    at,
    '-i',
    'file:/media/clip.mov',
    '-map',
    '0:V:0',
    '-frames:v',
    '1',
    '-an',
    '-sn',
    '-vf',
    'scale=w=round(iw*sar):h=ih,setsar=1',
    '-pix_fmt',
    'rgb24',
    '-c:v',
    'png',
    '-f',
    'image2',
    '-update',
    '1',
    '-y',
    'file:/cache/tmp/poster.part',
  ]
  const request = { input: '/media/clip.mov', output: '/cache/tmp/poster.part' }

  it('seeks before opening the input and writes one PNG frame', () => {
    expect(posterArgs({ ...request, atSeconds: 1 })).toEqual(expected('1'))
  })

  it('keeps millisecond precision for the middle of a short clip', () => {
    expect(posterArgs({ ...request, atSeconds: 1.3 / 3 })).toEqual(expected('0.433'))
  })

  it('seeks to the start for the retry after a seek past the end', () => {
    expect(posterArgs({ ...request, atSeconds: 0 })).toEqual(expected('0'))
    expect(posterArgs({ ...request, atSeconds: Number.NaN })).toEqual(expected('0'))
  })

  it('passes names that look like protocols or options as plain files', () => {
    const args = posterArgs({ input: 'clip:1.mov', output: '-x.png', atSeconds: 1 })
    expect(args).toContain('file:clip:1.mov')
    expect(args.at(-1)).toBe('file:-x.png')
  })
})

describe('previewArgs', () => {
  const expected = (scale: string, audio: boolean) => [
    ...QUIET,
    '-i',
    'file:/media/in.mkv',
    '-map',
    '0:V:0',
    ...(audio ? ['-map', '0:a:0?'] : []),
    '-vf',
    scale,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '28',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    ...(audio ? ['-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-ar', '48000'] : ['-an']),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    'file:/cache/tmp/preview.part',
  ]
  const fit = 'force_original_aspect_ratio=decrease:force_divisible_by=2'
  const io = { input: '/media/in.mkv', output: '/cache/tmp/preview.part' }

  it('fits a landscape 1080p video with sound into 1280×720', () => {
    expect(previewArgs({ ...io, hasAudio: true, width: 1920, height: 1080 })).toEqual(
      expected(`scale=w=1280:h=720:${fit}`, true),
    )
  })

  it('fits a silent portrait phone video into 720×1280', () => {
    expect(previewArgs({ ...io, hasAudio: false, width: 1080, height: 1920 })).toEqual(
      expected(`scale=w=720:h=1280:${fit}`, false),
    )
  })

  it('never enlarges a small odd-sized video (ffmpeg rounds 641×361 down to 640×360)', () => {
    expect(previewArgs({ ...io, hasAudio: true, width: 641, height: 361 })).toEqual(
      expected(`scale=w=641:h=361:${fit}`, true),
    )
  })

  it('fits a square video by its height, like landscape', () => {
    expect(previewArgs({ ...io, hasAudio: false, width: 1080, height: 1080 })).toEqual(
      expected(`scale=w=1080:h=720:${fit}`, false),
    )
  })

  it('lets ffmpeg apply the same rule when the size is unknown', () => {
    const box =
      "w='if(gt(ih,iw),min(720,iw),min(1280,iw))':h='if(gt(ih,iw),min(1280,ih),min(720,ih))'"
    expect(previewArgs({ ...io, hasAudio: true, width: null, height: null })).toEqual(
      expected(`scale=${box}:${fit}`, true),
    )
    expect(previewArgs({ ...io, hasAudio: true, width: 0, height: 0 })).toEqual(
      expected(`scale=${box}:${fit}`, true),
    )
  })

  it('resamples slow-motion footage to 60 fps and leaves ordinary rates alone', () => {
    const args = (frameRate: number) =>
      previewArgs({ ...io, hasAudio: false, width: 1920, height: 1080, frameRate })
    expect(args(240)).toEqual(expected(`fps=60,scale=w=1280:h=720:${fit}`, false))
    expect(args(60000 / 1001)).toEqual(expected(`scale=w=1280:h=720:${fit}`, false))
  })
})

describe('ffprobeArgs', () => {
  it('asks for the format and every stream as JSON', () => {
    expect(ffprobeArgs('/media/a.mp4')).toEqual([
      '-v',
      'error',
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      'file:/media/a.mp4',
    ])
  })
})

const disposition = (attachedPic = 0) => ({ default: 1, attached_pic: attachedPic })

/** ffprobe 5.1 on a 1080p H.264/AAC MP4 made by ffmpeg. */
const landscapeMp4 = {
  streams: [
    {
      index: 0,
      codec_name: 'h264',
      profile: 'High',
      codec_type: 'video',
      width: 1920,
      height: 1080,
      coded_width: 1920,
      coded_height: 1080,
      sample_aspect_ratio: '1:1',
      pix_fmt: 'yuv420p',
      level: 40,
      r_frame_rate: '30000/1001',
      avg_frame_rate: '30000/1001',
      duration: '3.003000',
      bit_rate: '6204470',
      disposition: disposition(),
      tags: { language: 'und', handler_name: 'VideoHandler' },
    },
    {
      index: 1,
      codec_name: 'aac',
      profile: 'LC',
      codec_type: 'audio',
      sample_rate: '44100',
      channels: 2,
      r_frame_rate: '0/0',
      avg_frame_rate: '0/0',
      duration: '3.000000',
      bit_rate: '127993',
      disposition: disposition(),
    },
  ],
  format: {
    format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
    duration: '3.003000',
    size: '2382008',
    bit_rate: '6345675',
    tags: { major_brand: 'isom' },
  },
}

/** An iPhone portrait HEVC .mov: stored landscape, display matrix turns it -90°, plus a data track. */
const iphonePortrait = {
  streams: [
    {
      index: 0,
      codec_name: 'hevc',
      profile: 'Main 10',
      codec_type: 'video',
      codec_tag_string: 'hvc1',
      width: 1920,
      height: 1080,
      pix_fmt: 'yuv420p10le',
      level: 123,
      color_transfer: 'arib-std-b67',
      r_frame_rate: '30/1',
      avg_frame_rate: '18000/601',
      duration: '12.345000',
      bit_rate: '7832345',
      disposition: disposition(),
      tags: { creation_time: '2024-06-01T09:30:00.000000Z', handler_name: 'Core Media Video' },
      side_data_list: [
        {
          side_data_type: 'Display Matrix',
          displaymatrix:
            '\n00000000:            0       65536           0\n00000001:       -65536           0           0\n00000002:            0           0  1073741824\n',
          rotation: -90,
        },
        { side_data_type: 'DOVI configuration record', dv_profile: 8 },
      ],
    },
    {
      index: 1,
      codec_name: 'aac',
      profile: 'LC',
      codec_type: 'audio',
      sample_rate: '44100',
      channels: 2,
      channel_layout: 'stereo',
      duration: '12.345000',
      bit_rate: '174562',
      disposition: disposition(),
    },
    {
      index: 2,
      codec_type: 'data',
      codec_tag_string: 'mebx',
      duration: '12.345000',
      disposition: disposition(0),
      tags: { handler_name: 'Core Media Metadata' },
    },
  ],
  format: {
    format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
    duration: '12.345000',
    bit_rate: '8021333',
    tags: { major_brand: 'qt  ', 'com.apple.quicktime.make': 'Apple' },
  },
}

/** ffprobe 5.1 on an MP3 with cover art: the JPEG shows up as an mjpeg "video" stream. */
const mp3WithCover = {
  streams: [
    {
      index: 0,
      codec_name: 'mp3',
      codec_type: 'audio',
      sample_rate: '44100',
      channels: 1,
      channel_layout: 'mono',
      r_frame_rate: '0/0',
      avg_frame_rate: '0/0',
      duration: '2.037551',
      bit_rate: '64000',
      disposition: { default: 0, attached_pic: 0 },
    },
    {
      index: 1,
      codec_name: 'mjpeg',
      profile: 'Baseline',
      codec_type: 'video',
      width: 300,
      height: 300,
      pix_fmt: 'yuvj420p',
      level: -99,
      r_frame_rate: '90000/1',
      avg_frame_rate: '0/0',
      duration: '2.037556',
      disposition: { default: 0, attached_pic: 1 },
      tags: { comment: 'Cover (front)' },
    },
  ],
  format: { format_name: 'mp3', duration: '2.037551', bit_rate: '105459' },
}

/** ffprobe 5.1 on a VP9/Opus Matroska file: streams carry only a DURATION tag. */
const vp9Mkv = {
  streams: [
    {
      index: 0,
      codec_name: 'vp9',
      profile: 'Profile 0',
      codec_type: 'video',
      width: 640,
      height: 360,
      pix_fmt: 'yuv420p',
      level: -99,
      r_frame_rate: '25/1',
      avg_frame_rate: '25/1',
      disposition: { default: 0, attached_pic: 0 },
      tags: { ENCODER: 'Lavc59.37.100 libvpx-vp9', DURATION: '00:00:02.007000000' },
    },
    {
      index: 1,
      codec_name: 'opus',
      codec_type: 'audio',
      sample_rate: '48000',
      channels: 1,
      r_frame_rate: '0/0',
      avg_frame_rate: '0/0',
      disposition: { default: 0, attached_pic: 0 },
      tags: { DURATION: '00:00:02.008000000' },
    },
  ],
  format: { format_name: 'matroska,webm', duration: '2.008000', bit_rate: '255517' },
}

const nothing: VideoFacts = {
  durationMs: null,
  width: null,
  height: null,
  rotation: 0,
  videoCodec: null,
  profile: null,
  level: null,
  pixelFormat: null,
  bitRate: null,
  frameRate: null,
  hasVideo: false,
  hasAudio: false,
  audioCodec: null,
  audioChannels: null,
  audioSampleRate: null,
  container: null,
}

describe('parseFfprobe', () => {
  it('reads a landscape H.264/AAC MP4', () => {
    expect(parseFfprobe(landscapeMp4)).toEqual({
      durationMs: 3003,
      width: 1920,
      height: 1080,
      rotation: 0,
      videoCodec: 'h264',
      profile: 'High',
      level: 40,
      pixelFormat: 'yuv420p',
      bitRate: 6345675,
      frameRate: 30000 / 1001,
      hasVideo: true,
      hasAudio: true,
      audioCodec: 'aac',
      audioChannels: 2,
      audioSampleRate: 44100,
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
    })
  })

  it('reports a phone video held upright as portrait, turned a quarter clockwise', () => {
    expect(parseFfprobe(iphonePortrait)).toEqual({
      durationMs: 12345,
      width: 1080,
      height: 1920,
      rotation: 90,
      videoCodec: 'hevc',
      profile: 'Main 10',
      level: 123,
      pixelFormat: 'yuv420p10le',
      bitRate: 8021333,
      frameRate: 18000 / 601,
      hasVideo: true,
      hasAudio: true,
      audioCodec: 'aac',
      audioChannels: 2,
      audioSampleRate: 44100,
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
    })
  })

  it.each([
    [-90, 90, 1080, 1920],
    [90, 270, 1080, 1920],
    [270, 90, 1080, 1920],
    [180, 180, 1920, 1080],
    [-180, 180, 1920, 1080],
  ])('reads display-matrix rotation %i° as %i° clockwise', (matrix, clockwise, width, height) => {
    const [video] = landscapeMp4.streams
    const side = [{ side_data_type: 'Display Matrix', rotation: matrix }]
    const rotated = { ...landscapeMp4, streams: [{ ...video, side_data_list: side }] }
    expect(parseFfprobe(rotated)).toMatchObject({ rotation: clockwise, width, height })
  })

  it('reads the legacy rotate tag of older ffprobe output', () => {
    const [video] = landscapeMp4.streams
    const tagged = { ...landscapeMp4, streams: [{ ...video, tags: { rotate: '90' } }] }
    expect(parseFfprobe(tagged)).toMatchObject({ rotation: 90, width: 1080, height: 1920 })
  })

  it('does not count an MP3 cover picture as video', () => {
    expect(parseFfprobe(mp3WithCover)).toEqual({
      ...nothing,
      durationMs: 2038,
      bitRate: 105459,
      hasAudio: true,
      audioCodec: 'mp3',
      audioChannels: 1,
      audioSampleRate: 44100,
      container: 'mp3',
    })
  })

  it('takes a Matroska duration from the container and leaves VP9 without a level', () => {
    expect(parseFfprobe(vp9Mkv)).toEqual({
      durationMs: 2008,
      width: 640,
      height: 360,
      rotation: 0,
      videoCodec: 'vp9',
      profile: 'Profile 0',
      level: null,
      pixelFormat: 'yuv420p',
      bitRate: 255517,
      frameRate: 25,
      hasVideo: true,
      hasAudio: true,
      audioCodec: 'opus',
      audioChannels: 1,
      audioSampleRate: 48000,
      container: 'matroska,webm',
    })
  })

  it('falls back to the stream DURATION tag when the container has no duration', () => {
    const withoutFormatDuration = { ...vp9Mkv, format: { format_name: 'matroska,webm' } }
    expect(parseFfprobe(withoutFormatDuration).durationMs).toBe(2007)
  })

  it('uses r_frame_rate when the average rate is unknown', () => {
    const [video, audio] = landscapeMp4.streams
    const noAverage = { ...landscapeMp4, streams: [{ ...video, avg_frame_rate: '0/0' }, audio] }
    expect(parseFfprobe(noAverage).frameRate).toBe(30000 / 1001)
  })

  it.each([null, undefined, 'not json', 42, [], {}, { streams: 'x', format: [] }])(
    'reports nothing known for %j',
    (input) => {
      expect(parseFfprobe(input)).toEqual(nothing)
    },
  )
})
