/// <reference lib="dom" />
// similar_to in the explorer: two versions of one picture (a PNG and a JPEG of it: other bytes,
// the same pHash) are linked as similar, drawn in the graph and hidden by the relation filter.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test } from './serve-fixture'

test.describe('similar images in the graph explorer', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-graph-similar-'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('shows similar_to edges and filters them', async ({ page, marquee }) => {
    const root = join(media, 'Signage')
    const picture = await photoLike(640, 360, 41)
    await picture
      .clone()
      .png()
      .toFile(await outPath(root, 'Menus/poster.png'))
    await picture
      .clone()
      .jpeg({ quality: 80 })
      .toFile(await outPath(root, 'Archive/poster.jpg'))
    const indexed = await marquee.cli('index', root, '--wait')
    expect(indexed.code, indexed.stderr).toBe(0)
    const ids: Record<string, number> = {}
    for (const line of (await marquee.cli('ls', '--json')).stdout.trim().split('\n')) {
      const asset = JSON.parse(line) as { id: number; name: string }
      ids[asset.name] = asset.id
    }
    const png = `asset:${ids['poster.png']}`
    const jpg = `asset:${ids['poster.jpg']}`
    const walked = await marquee.cli(
      'graph',
      'neighbours',
      png,
      '--relation',
      'similar_to',
      '--json',
    )
    expect(JSON.parse(walked.stdout).neighbours).toEqual([
      expect.objectContaining({ node: jpg, relation: 'similar_to' }),
    ])

    await page.goto(`${marquee.url}#/graph?node=${encodeURIComponent(png)}`)
    const canvas = page.getByTestId('graph-canvas')
    const hasNode = (id: string) =>
      canvas.evaluate(
        (el, node) =>
          !(el as HTMLElement & { cy: { getElementById(id: string): { empty(): boolean } } }).cy
            .getElementById(node)
            .empty(),
        id,
      )
    await expect.poll(() => hasNode(jpg)).toBe(true)
    const filters = page.getByTestId('graph-filters')
    await expect(filters).toContainText('similar to')
    await page.screenshot({ path: screenshotPath('graph-similar') })
    // The JPEG lives in another folder: only the similar_to edge connects it to the centre.
    await filters.getByLabel(/^similar to/).uncheck()
    // Hidden by the filter: not drawn (filtered out of the graph or styled invisible).
    const visible = () =>
      canvas.evaluate((el, node) => {
        const cy = (
          el as HTMLElement & {
            cy: { getElementById(id: string): { visible(): boolean; empty(): boolean } }
          }
        ).cy
        const found = cy.getElementById(node)
        return !found.empty() && found.visible() === true
      }, jpg)
    await expect.poll(visible).toBe(false)
  })
})
