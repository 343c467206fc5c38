/// <reference lib="dom" />
// derived_from and fetched_by in the explorer: a processed image's renditions and a feed's
// cached images are not walked by default; the "Also walk" toggles walk them, draw them as
// their own node types and list them in the filters.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outPath, photoLike } from '../fixtures/media-tools'
import { albumCover, FakeSpotify } from '../support/fake-spotify'
import { expect, screenshotPath, test } from './serve-fixture'

type Cy = { nodes(selector: string): { length: number } }

test.describe('renditions in the graph explorer', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-graph-renditions-'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('walks derived_from when asked and draws the renditions', async ({ page, marquee }) => {
    const root = join(media, 'Signage')
    await (await photoLike(640, 360, 17)).png().toFile(await outPath(root, 'Menus/poster.png'))
    const indexed = await marquee.cli('index', root, '--wait')
    expect(indexed.code, indexed.stderr).toBe(0)
    const [line] = (await marquee.cli('ls', '--json')).stdout.trim().split('\n')
    const asset = `asset:${(JSON.parse(line!) as { id: number }).id}`

    await page.goto(`${marquee.url}#/graph?node=${encodeURIComponent(asset)}`)
    const canvas = page.getByTestId('graph-canvas')
    const renditions = () =>
      canvas.evaluate(
        (el) => (el as HTMLElement & { cy: Cy }).cy.nodes('[id ^= "rendition:"]').length,
      )
    const filters = page.getByTestId('graph-filters')
    await expect(filters).toContainText('contains')
    expect(await renditions()).toBe(0)

    await page
      .getByTestId('graph-include')
      .getByLabel(/^Renditions/)
      .check()
    await expect.poll(renditions).toBeGreaterThanOrEqual(3)
    await expect(filters).toContainText('derived from')
    await expect(filters).toContainText('Renditions')
    await page.screenshot({ path: screenshotPath('graph-renditions') })

    // The type filter hides them again without another walk.
    await filters.getByLabel(/^Renditions \d/).uncheck()
    const visible = () =>
      canvas.evaluate(
        (el) => (el as HTMLElement & { cy: Cy }).cy.nodes('[id ^= "rendition:"]:visible').length,
      )
    await expect.poll(visible).toBe(0)
  })

  test('walks fetched_by from a feed to the image it cached', async ({ page, marquee }) => {
    const web = await new FakeSpotify().start()
    try {
      const image = web.serve('/img/hero.jpg', await albumCover(400, 5))
      web.serve('/menu.json', Buffer.from(JSON.stringify({ hero: image })), 'application/json')
      const added = await marquee.cli(
        'integrations',
        'add',
        'feed',
        '--url',
        `${web.url}/menu.json`,
        '--name',
        'Menu board',
        '--media-field',
        'hero=hero_image:thumbnail',
        '--json',
      )
      expect(added.code, added.stderr).toBe(0)
      const id = (JSON.parse(added.stdout) as { id: number }).id
      const fetched = await marquee.cli('integrations', 'fetch', String(id), '--json')
      expect(fetched.code, fetched.stderr).toBe(0)

      await page.goto(`${marquee.url}#/graph?node=${encodeURIComponent(`integration:${id}`)}`)
      await expect(page.getByRole('heading', { name: 'Graph: feed Menu board' })).toBeVisible()
      await page
        .getByTestId('graph-include')
        .getByLabel(/^Integration media/)
        .check()
      const canvas = page.getByTestId('graph-canvas')
      const media = () =>
        canvas.evaluate(
          (el) => (el as HTMLElement & { cy: Cy }).cy.nodes('[id ^= "media:"]').length,
        )
      await expect.poll(media).toBe(1)
      await expect(page.getByTestId('graph-filters')).toContainText('fetched by')
      await page.screenshot({ path: screenshotPath('graph-fetched-by') })
    } finally {
      await web.stop()
    }
  })
})
