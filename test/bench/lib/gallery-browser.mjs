// The gallery in Chromium (Playwright) against `marquee serve`: first tiles after opening
// #/library, frames while scrolling (wheel, End/Home, scrollbar jumps), the renderer's heap,
// a trace of where the main thread's time goes, and screenshots.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { benchDir, repo } from './marquee.mjs'
import { random } from './gallery-plan.mjs'
import * as inPage from './gallery-page.mjs'
import { summariseTrace, TRACE_CATEGORIES } from './gallery-trace.mjs'

const VIEWPORT = { width: 1280, height: 800 }
const GALLERY = '[data-testid=gallery]'
const TILE = '[data-testid=gallery-item]'
/** How long a jump or a key may take to show its tiles before the bench moves on. */
const FILL_TIMEOUT_MS = 10_000

export const screenshotPath = (name) =>
  join(repo, 'test', 'artifacts', 'screenshots', `${name}.png`)

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The same flags as the end-to-end tests (playwright.config.ts).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })
}

/**
 * Opens `#/library` in a fresh context (empty HTTP cache; the session cookie serve would set is
 * set directly, so the navigation measured is the page load itself) and resolves once the first
 * thumbnail is on screen: `{ context, page, marks }`, times relative to the navigation start.
 */
export async function openLibrary(browser, { origin, token }, { before, timeoutMs = 60_000 } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT })
  await context.addCookies([
    { name: 'marquee_token', value: token, url: origin, httpOnly: true, sameSite: 'Strict' },
  ])
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript(inPage.firstTileProbe)
  await before?.(page)
  await page.goto(`${origin}/#/library`)
  const marks = await Promise.race([
    page.evaluate(inPage.firstTileMarks),
    page.waitForTimeout(timeoutMs).then(() => {
      throw new Error(
        `no tile thumbnail on screen ${timeoutMs / 1000} s after opening #/library${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`,
      )
    }),
  ])
  return { context, page, marks, errors }
}

/** Runs `action` while the page records frames; returns the recording and the action's result. */
export async function recordDuring(page, action) {
  await page.evaluate(inPage.startRecorder)
  const started = performance.now()
  const result = await action()
  const ms = performance.now() - started
  const recording = await page.evaluate(inPage.stopRecorder)
  return { ...recording, ms, result }
}

async function galleryCentre(page) {
  const box = await page.locator(GALLERY).boundingBox()
  if (!box) throw new Error(`no ${GALLERY} on the page`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/**
 * A window of `ms` with no input: the frames of the page at rest on this machine, the reference
 * the scrolling frames are read against (a busy machine drops frames of an idle page too).
 */
export function atRest(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** `steps` wheel notches of `delta` px, `perSecond` of them a second, over the gallery. */
export async function wheel(page, { steps, delta, perSecond }) {
  const centre = await galleryCentre(page)
  await page.mouse.move(centre.x, centre.y)
  const before = await page.evaluate(inPage.galleryState)
  const started = performance.now()
  for (let k = 0; k < steps; k++) {
    const due = started + (k * 1000) / perSecond
    const wait = due - performance.now()
    // Pacing the input (a hand on the wheel), not waiting for work.
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    await page.mouse.wheel(0, delta)
  }
  const fill = await page.evaluate(inPage.untilFilled, FILL_TIMEOUT_MS)
  const after = await page.evaluate(inPage.galleryState)
  return { before, after, fill, inputMs: performance.now() - started }
}

/** End, then Home, from the keyboard (focus on the first tile, as after a click on it). */
export async function endHome(page) {
  await page.locator(TILE).first().focus()
  const out = {}
  for (const key of ['End', 'Home']) {
    await page.keyboard.press(key)
    const fill = await page.evaluate(inPage.untilFilled, FILL_TIMEOUT_MS)
    out[key] = { fill, state: await page.evaluate(inPage.galleryState) }
  }
  return out
}

/** `count` scrollbar jumps to deterministic random positions, each until its tiles show. */
export async function jumps(page, count) {
  const r = random(count)
  const out = []
  for (let k = 0; k < count; k++) {
    const fraction = r()
    await page.evaluate(inPage.jumpTo, fraction)
    const fill = await page.evaluate(inPage.untilFilled, FILL_TIMEOUT_MS)
    out.push({ fraction, fill })
  }
  return out
}

/** The renderer's JS heap after a full GC, and before it, in MB (CDP). */
export async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page)
  try {
    const before = await cdp.send('Runtime.getHeapUsage')
    await cdp.send('HeapProfiler.collectGarbage')
    const after = await cdp.send('Runtime.getHeapUsage')
    return { usedMb: after.usedSize / 2 ** 20, beforeGcMb: before.usedSize / 2 ** 20 }
  } finally {
    await cdp.detach()
  }
}

const tracePath = () => join(benchDir, 'gallery-trace.json')

/** Starts a Chromium trace of `page`; `stopTrace` ends it and says where the time went. */
export async function startTrace(browser, page) {
  mkdirSync(benchDir, { recursive: true })
  await browser.startTracing(page, { path: tracePath(), categories: TRACE_CATEGORIES })
}

export async function stopTrace(browser) {
  await browser.stopTracing()
  const summary = summariseTrace(JSON.parse(readFileSync(tracePath(), 'utf8')))
  rmSync(tracePath(), { force: true })
  return summary
}

/** Runs `action` under a Chromium trace and returns where the page's main thread spent it. */
export async function traced(browser, page, action) {
  await startTrace(browser, page)
  const outcome = await action().then(
    () => null,
    (error) => error,
  )
  const summary = await stopTrace(browser)
  if (outcome) throw outcome
  return summary
}

/** Screenshots of the gallery (tiles in view shown) and of the viewer on the first tile. */
export async function screenshots(page, name) {
  await page.evaluate(inPage.jumpTo, 0)
  await page.evaluate(inPage.untilFilled, FILL_TIMEOUT_MS)
  const gallery = screenshotPath(`bench-gallery-${name}`)
  mkdirSync(join(gallery, '..'), { recursive: true })
  await page.screenshot({ path: gallery })
  const out = { gallery, viewer: null, viewerError: null }
  try {
    await page.locator(TILE).first().dblclick()
    await page.waitForFunction(inPage.viewerShown, undefined, { timeout: 10_000 })
    await page.evaluate(inPage.animationsDone)
    out.viewer = screenshotPath(`bench-viewer-${name}`)
    await page.screenshot({ path: out.viewer })
    await page.keyboard.press('Escape')
  } catch (error) {
    out.viewerError = error.message.split('\n')[0]
  }
  return out
}

/**
 * Select all and tag as a user does: Ctrl+A in the grid, then "Tag…", a name, Enter; the tag is
 * removed the same way afterwards. Returns the milliseconds from Ctrl+A to the whole library
 * counted as selected, and from Enter to the gallery saying the assets were tagged (and untagged).
 */
export async function selectAllAndTag(page, n, tag) {
  await page.locator(TILE).first().click()
  let started = performance.now()
  await page.keyboard.press('Control+a')
  await page.waitForFunction(inPage.selectedCount, n, { timeout: 30_000 })
  const selectMs = performance.now() - started
  const apply = async (button) => {
    await page.locator('[data-testid=selection-bar] button', { hasText: 'Tag' }).click()
    const dialog = page.locator('[data-testid=tag-dialog]')
    await dialog.locator('input').fill(tag)
    started = performance.now()
    if (button) await dialog.locator('button', { hasText: button }).click()
    else await dialog.locator('input').press('Enter')
    const word = button ? 'untagged' : 'tagged'
    await page
      .locator('[data-testid=gallery-notice]', { hasText: new RegExp(`\\b${word}\\b`) })
      .waitFor({ timeout: 60_000 })
    return performance.now() - started
  }
  const tagMs = await apply(null)
  const untagMs = await apply('Remove tag')
  await page.keyboard.press('Escape')
  return { selectMs, tagMs, untagMs }
}
