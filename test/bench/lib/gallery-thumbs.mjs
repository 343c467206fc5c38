// The gallery benchmark's thumbnails: a `small` (200 px) and a `medium` (800 px) WebP for each
// of the plan's contents that processing would give thumbnails (images, video posters, PDF
// pages), made once with sharp under $BENCH_DIR and hard-linked into each library's cache.
// They are synthetic (a gradient, a disc, a label and some grain, so they weigh what photos
// weigh), but real WebP files of the sizes the thumbnail step writes.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { rmSync } from 'node:fs'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { benchDir } from './marquee.mjs'
import { CONTENTS, contentOf } from './gallery-plan.mjs'

/** Bump when the pictures change: a new folder is made beside the old one. */
export const THUMBS_VERSION = 2
export const VARIANTS = { small: 200, medium: 800 }
/** Two at a time: the machine is shared, and this runs once. */
const PARALLEL = 2

export const thumbsDir = () => join(benchDir, `gallery-thumbs-v${THUMBS_VERSION}`)

/** The contents that have thumbnails: all but audio. */
export const withThumbs = () =>
  Array.from({ length: CONTENTS }, (_, c) => contentOf(c)).filter((c) => c.type !== 'audio')

/** Long edge `edge`, never upscaled, as the thumbnail step sizes its variants. */
function fit(width, height, edge) {
  const scale = Math.min(1, edge / Math.max(width, height))
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))]
}

const hue = (n) => (n * 137.508) % 360

function svgOf(content, width, height) {
  const label =
    content.type === 'video' ? '▶ video' : content.type === 'document' ? 'PDF page 1' : 'photo'
  // Centred, so the square crops of the gallery's tiles still show it.
  const size = Math.round(Math.min(width, height) / 10)
  const a = hue(content.c)
  const b = (a + 60 + (content.c % 120)) % 360
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${a},70%,55%)"/><stop offset="1" stop-color="hsl(${b},60%,35%)"/>
  </linearGradient></defs>
  <rect width="${width}" height="${height}" fill="url(#g)"/>
  <circle cx="${(0.2 + (content.c % 7) / 10) * width}" cy="${0.4 * height}" r="${0.22 * Math.min(width, height)}" fill="rgba(255,255,255,0.3)"/>
  <text x="${width / 2}" y="${height / 2 + size / 3}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="white">${content.theme} #${content.c}</text>
  <text x="${width / 2}" y="${height / 2 + size * 1.3}" text-anchor="middle" font-family="DejaVu Sans" font-size="${Math.round(size * 0.6)}" fill="rgba(255,255,255,0.85)">${label}</text>
</svg>`
}

const grain = new Map()
/** Gaussian grain of one size, made once and blended into every picture of that size. */
async function grainOf(width, height) {
  const key = `${width}x${height}`
  if (!grain.has(key)) {
    const noise = { type: 'gaussian', mean: 128, sigma: 14 }
    const data = await sharp({ create: { width, height, channels: 3, noise } })
      .raw()
      .toBuffer()
    grain.set(key, data)
  }
  return grain.get(key)
}

async function makeOne(content, dir) {
  const [mw, mh] = fit(content.width, content.height, VARIANTS.medium)
  const input = await grainOf(mw, mh)
  const medium = await sharp(Buffer.from(svgOf(content, mw, mh)))
    .composite([{ input, raw: { width: mw, height: mh, channels: 3 }, blend: 'soft-light' }])
    .flatten()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const image = () => sharp(medium.data, { raw: medium.info })
  mkdirSync(dir, { recursive: true })
  const out = {}
  for (const [variant, edge] of Object.entries(VARIANTS)) {
    const [width, height] = fit(content.width, content.height, edge)
    const info = await image()
      .resize(width, height)
      .webp({ quality: 80 })
      .toFile(join(dir, `${variant}.webp`))
    out[variant] = { width: info.width, height: info.height, bytes: info.size }
  }
  return out
}

/**
 * Makes the thumbnails once (reused while THUMBS_VERSION holds) and returns
 * `{ dir, made: { [sha256]: { small, medium } }, ms, reused }`.
 */
export async function ensureThumbs(log) {
  const dir = thumbsDir()
  const marker = join(dir, 'made.json')
  if (existsSync(marker)) return { dir, ...JSON.parse(readFileSync(marker, 'utf8')), reused: true }
  // Older pictures go (libraries made from them hold hard links, so theirs stay).
  for (const old of readdirSync(benchDir).filter((name) => name.startsWith('gallery-thumbs-v')))
    rmSync(join(benchDir, old), { recursive: true, force: true })
  const started = performance.now()
  const list = withThumbs()
  const made = {}
  let next = 0
  const worker = async () => {
    while (next < list.length) {
      const content = list[next++]
      made[content.sha256] = await makeOne(content, join(dir, content.sha256))
      if (next % 250 === 0) log?.(`gallery: thumbnails ${next}/${list.length}`)
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  const ms = performance.now() - started
  writeFileSync(marker, JSON.stringify({ made, ms }))
  return { dir, made, ms, reused: false }
}

/** Puts one content's thumbnails into a cache directory (hard links; copies across devices). */
export function linkThumbs(thumbs, cacheDir, sha256) {
  const rel = `media/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`
  const target = join(cacheDir, ...rel.split('/'))
  mkdirSync(target, { recursive: true })
  for (const variant of Object.keys(VARIANTS)) {
    const from = join(thumbs.dir, sha256, `${variant}.webp`)
    const to = join(target, `${variant}.webp`)
    rmSync(to, { force: true })
    try {
      linkSync(from, to)
    } catch {
      copyFileSync(from, to)
    }
  }
  return rel
}
