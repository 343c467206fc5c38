// What the gallery benchmark's library holds, asset by asset: a pure, deterministic plan, so the
// tree of files (gallery-library.mjs) and the database rows describing them always agree, and a
// row can be traced back to its plan from its folder and name alone.
//
// 1,000 folders (50 sites × 20 campaigns), asset i in folder i % 1000 as its (i / 1000)th file;
// mostly images, some video, a little audio and PDF; contents drawn from a pool of 2,000, so
// every content exists many times over (as the same signage loop does on many screens).

import { createHash } from 'node:crypto'

export const FOLDERS = 1000
export const CONTENTS = 2000
/** Contents [start, end) of each type; audio has no thumbnails. */
export const POOLS = {
  image: [0, 1800],
  video: [1800, 1960],
  document: [1960, 1980],
  audio: [1980, 2000],
}
/** Five years of files, ending at a fixed date so the plan never changes. */
const END_MS = Date.UTC(2025, 11, 31)
const SPAN_MS = 5 * 365 * 86_400_000

const PLACES = ['lobby', 'atrium', 'foodcourt', 'cinema', 'gym']
const PLACES2 = ['reception', 'parking', 'elevator', 'cafe', 'showroom']
const SIDES = ['north', 'south', 'east', 'west', 'main']
export const SITES = [...PLACES, ...PLACES2].flatMap((p) => SIDES.map((s) => `${p}-${s}`))
export const THEMES = [
  'summer-sale',
  'winter-menu',
  'spring-promo',
  'black-friday',
  'welcome',
  'safety',
  'events',
  'menu-board',
  'brand-refresh',
  'holiday',
  'new-year',
  'back-to-school',
  'loyalty',
  'opening-hours',
  'weather',
  'news',
  'sports',
  'concert',
  'charity',
  'recruitment',
]
const WORDS = [
  'banner',
  'poster',
  'loop',
  'menu',
  'promo',
  'logo',
  'teaser',
  'countdown',
  'slide',
  'background',
  'portrait',
  'landscape',
  'welcome',
  'map',
  'schedule',
  'offer',
]
export const TAGS = [
  'approved',
  'needs-review',
  'portrait-screen',
  'client-acme',
  'client-globex',
  'evergreen',
  'seasonal',
  'archive',
  'hero',
  'legal-ok',
]
const CAMERAS = [
  ['Canon', 'EOS R6', 'RF24-105mm F4 L IS USM'],
  ['SONY', 'ILCE-7M4', 'FE 24-70mm F2.8 GM II'],
  ['NIKON CORPORATION', 'NIKON Z 6_2', 'NIKKOR Z 24-120mm f/4 S'],
  ['FUJIFILM', 'X-T5', 'XF16-55mmF2.8 R LM WR'],
  ['Google', 'Pixel 8 Pro', 'Pixel 8 Pro back camera'],
]
const FAILURES = [
  'This file is not a JPEG image: its first bytes are those of an HTML page.',
  'The image is truncated: the decoder stopped 62% of the way through.',
  'This file has no video stream Marquee can decode.',
  'Decoding took longer than 60 s and was stopped.',
]
/** Shapes [width, height] of image contents: landscape, portrait, square, panorama. */
const IMAGE_SHAPES = [
  [4032, 3024],
  [6000, 4000],
  [3024, 4032],
  [1920, 1080],
  [1080, 1920],
  [3840, 2160],
  [2000, 2000],
  [8000, 2000],
]
const VIDEO_SHAPES = [
  [1920, 1080],
  [3840, 2160],
  [1080, 1920],
  [1280, 720],
]

/** A small deterministic generator (mulberry32). */
export function random(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = (r, list) => list[Math.floor(r() * list.length)]
const pad = (n, width) => String(n).padStart(width, '0')

/** The relative folder of folder index f: `<site>/<yyyy-mm> <theme>`. */
export function folderOf(f) {
  const month = (f * 7) % 60
  const year = 2021 + Math.floor(month / 12)
  return `${SITES[Math.floor(f / 20)]}/${year}-${pad((month % 12) + 1, 2)} ${THEMES[f % 20]}`
}

const contents = []

/** What one content is: its type, hash, displayed size, duration and file size. */
export function contentOf(c) {
  return (contents[c] ??= makeContent(c))
}

function makeContent(c) {
  const r = random(0xc0ffee ^ Math.imul(c, 2654435761))
  const type = Object.entries(POOLS).find(([, [a, b]]) => c >= a && c < b)[0]
  const [width, height] =
    type === 'image'
      ? pick(r, IMAGE_SHAPES)
      : type === 'video'
        ? pick(r, VIDEO_SHAPES)
        : type === 'document'
          ? [1240, 1754]
          : [null, null]
  const size =
    type === 'image'
      ? 300_000 + Math.floor(r() * 12_000_000)
      : type === 'video'
        ? 5_000_000 + Math.floor(r() * 800_000_000)
        : type === 'audio'
          ? 2_000_000 + Math.floor(r() * 8_000_000)
          : 100_000 + Math.floor(r() * 5_000_000)
  const durationMs =
    type === 'video' || type === 'audio' ? 5_000 + Math.floor(r() * 115) * 1000 : null
  // The hash of a name, not of any bytes: the files are sparse and never read.
  const sha256 = createHash('sha256').update(`marquee-gallery-bench-${c}`).digest('hex')
  return { c, type, width, height, size, durationMs, sha256, theme: THEMES[c % THEMES.length] }
}

const EXTENSIONS = {
  image: [
    ['jpg', 55],
    ['JPG', 10],
    ['png', 15],
    ['heic', 10],
    ['webp', 10],
  ],
  video: [
    ['mp4', 8],
    ['mov', 3],
    ['webm', 1],
  ],
  audio: [
    ['mp3', 3],
    ['m4a', 1],
  ],
  document: [['pdf', 1]],
}
export const MIME = {
  jpg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  pdf: 'application/pdf',
}

function weighted(r, table) {
  let x = r() * table.reduce((sum, [, w]) => sum + w, 0)
  for (const [value, w] of table) if ((x -= w) < 0) return value
  return table[0][0]
}

/**
 * Asset i: where its file is, what content it holds, and the facts processing would have found.
 * Every name ends with the asset's number in its folder, which `planIndex` reads back.
 */
export function planOf(i) {
  const f = i % FOLDERS
  const j = Math.floor(i / FOLDERS)
  const r = random(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b))
  const x = r()
  const type = x < 0.85 ? 'image' : x < 0.97 ? 'video' : x < 0.985 ? 'audio' : 'document'
  const [lo, hi] = POOLS[type]
  const content = contentOf(lo + Math.floor(r() * (hi - lo)))
  const ext = weighted(r, EXTENSIONS[type])
  const theme = r() < 0.7 ? THEMES[f % 20] : pick(r, THEMES)
  const word = pick(r, WORDS)
  const camera = type === 'image' && r() < 0.4 ? pick(r, CAMERAS) : null
  let name
  if (camera) {
    const style = Math.floor(r() * 3)
    name = style === 0 ? `IMG_${pad(j, 4)}` : style === 1 ? `DSC0${pad(j, 4)}` : `PXL_${pad(j, 5)}`
  } else if (type === 'video') {
    name = `${theme}_${word}_${pick(r, ['1080p', '4k', '720p', 'portrait'])}_${j}`
  } else if (type === 'audio') name = `${word}-jingle-${j}`
  else if (type === 'document') name = `${theme}-${word}-brief-${j}`
  else name = `${theme}-${word}-${pick(r, ['v1', 'v2', 'final', 'draft', 'hd'])}-${j}`
  const mtimeMs = Math.floor((END_MS - r() * SPAN_MS) / 1000) * 1000
  const s = r()
  const status = s < 0.95 ? 'ready' : s < 0.98 ? 'queued' : 'failed'
  const rating = r() < 0.1 ? 1 + Math.floor(r() * 5) : null
  const t = r()
  const tags = t < 0.3 ? [pick(r, TAGS)] : t < 0.35 ? [pick(r, TAGS), pick(r, TAGS)] : []
  return {
    i,
    dir: folderOf(f),
    name: `${name}.${ext}`,
    ext: ext.toLowerCase(),
    type,
    content,
    size: content.size,
    mtimeMs,
    status,
    error: status === 'failed' ? pick(r, FAILURES) : null,
    // Cameras date their photos; a copy's mtime comes later.
    takenMs: camera ? mtimeMs - Math.floor(r() * 30 * 86_400_000) : null,
    camera,
    keywords: [theme, word],
    rating,
    title:
      r() < 0.05 ? `${theme.replace('-', ' ')} ${word} for ${SITES[Math.floor(f / 20)]}` : null,
    description:
      r() < 0.02 ? `Shown on the ${word} screens during ${theme.replace('-', ' ')}.` : null,
    tags: [...new Set(tags)],
  }
}

const FOLDER_INDEX = new Map(Array.from({ length: FOLDERS }, (_, f) => [folderOf(f), f]))

/** The plan index of the asset at `dir`/`name`, or -1 when the plan has no such file. */
export function planIndex(dir, name) {
  const f = FOLDER_INDEX.get(dir)
  const j = /(\d+)\.[A-Za-z0-9]+$/.exec(name)?.[1]
  return f === undefined || j === undefined ? -1 : Number(j) * FOLDERS + f
}
