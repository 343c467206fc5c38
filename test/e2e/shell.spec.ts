/// <reference lib="dom" />
import { mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, screenshotPath, test } from './serve-fixture'

test.describe('the app shell in serve mode', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-media-'))
    mkdirSync(join(media, 'Lobby Screens'))
    mkdirSync(join(media, 'Menu Boards'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('refuses the page without the token', async ({ page, marquee }) => {
    const response = await page.request.get(marquee.origin + '/')
    expect(response.status()).toBe(401)
    expect(await response.text()).toBe('')
  })

  test('adds a folder through the UI, and it is still listed after a reload', async ({
    page,
    marquee,
  }) => {
    await page.goto(marquee.url)
    await expect(page.getByTestId('app-shell')).toBeVisible()
    // The token moved into a cookie and is gone from the address bar.
    await expect(page).toHaveURL(new RegExp(`^${marquee.origin}/(#.*)?$`))
    await expect(page.getByTestId('connection-status')).toContainText('Connected')
    await page.screenshot({ path: screenshotPath('empty-state'), fullPage: true })

    const form = page.getByTestId('add-folder-form')
    await form.getByLabel('Folder path').fill(join(media, 'nope'))
    await form.getByRole('button', { name: 'Add folder' }).click()
    await expect(form.getByRole('alert')).toContainText('There is no folder at')

    await form.getByLabel('Folder path').fill(join(media, 'Lobby Screens'))
    await form.getByRole('button', { name: 'Add folder' }).click()
    const item = page.getByTestId('root-item').filter({ hasText: 'Lobby Screens' })
    await expect(item).toBeVisible()
    await expect(item).toHaveAttribute('data-status', 'online')

    await page.reload()
    await expect(page.getByTestId('root-item').filter({ hasText: 'Lobby Screens' })).toBeVisible()
    const listed = await marquee.cli('roots', 'ls', '--json')
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ label: 'Lobby Screens' })])
    await page.screenshot({ path: screenshotPath('one-root'), fullPage: true })
  })

  test('shows a folder added from the CLI against the same data directory', async ({
    page,
    marquee,
  }) => {
    const added = await marquee.cli('roots', 'add', join(media, 'Menu Boards'), '--label', 'Menus')
    expect(added.code).toBe(0)
    await page.goto(marquee.url)
    await expect(page.getByTestId('root-item').filter({ hasText: 'Menus' })).toBeVisible()
  })

  test('is usable from the keyboard', async ({ page, marquee }) => {
    await page.goto(marquee.url)
    await expect(page.getByTestId('app-shell')).toBeVisible()
    await page.keyboard.press('/')
    await expect(page.getByRole('searchbox', { name: 'Search library' })).toBeFocused()
    await page.getByTestId('add-folder-form').getByLabel('Folder path').focus()
    await page.keyboard.type(join(media, 'Menu Boards'))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('root-item').filter({ hasText: 'Menu Boards' })).toBeVisible()
  })

  test('follows a dark OS theme', async ({ browser, marquee }) => {
    const context = await browser.newContext({ colorScheme: 'dark' })
    const page = await context.newPage()
    await marquee.cli('roots', 'add', join(media, 'Lobby Screens'))
    await page.goto(marquee.url)
    await expect(page.getByTestId('app-shell')).toBeVisible()
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const [r = 255, g = 255, b = 255] = background.match(/\d+/g)!.map(Number)
    expect((r + g + b) / 3).toBeLessThan(80)
    await page.screenshot({ path: screenshotPath('dark'), fullPage: true })
    await context.close()
  })

  test('shows what a folder holds, rescans it, and lets an emptied folder be marked missing', async ({
    page,
    marquee,
  }) => {
    const folder = join(media, 'Lobby Screens')
    for (const name of ['a.jpg', 'b.jpg', 'c.mp4']) writeFileSync(join(folder, name), '')
    await page.goto(marquee.url)
    const form = page.getByTestId('add-folder-form')
    await form.getByLabel('Folder path').fill(folder)
    await form.getByRole('button', { name: 'Add folder' }).click()
    const item = page.getByTestId('root-item').filter({ hasText: 'Lobby Screens' })
    await item.click()
    // The sidebar opens the folder's gallery; its details page holds the index numbers.
    await page.getByRole('link', { name: 'Folder details' }).click()

    const indexed = page.getByTestId('index-stats').locator('[data-stat="present"]')
    await expect(indexed).toContainText('3', { timeout: 15_000 })
    await expect(page.getByTestId('index-lead')).toContainText('3 files indexed')
    await expect(page.getByTestId('file-table').getByRole('row')).toHaveCount(4)
    await expect(item).toHaveAttribute('data-status', 'online')

    await page.getByRole('button', { name: 'Rescan Lobby Screens' }).click()
    await expect(page.getByTestId('scan-feedback')).toContainText('files checked', {
      timeout: 15_000,
    })
    await expect(page.getByTestId('scan-status')).toBeHidden()

    // Gone: offline, with the core's reason, and nothing marked missing.
    renameSync(folder, `${folder} (away)`)
    await page.getByRole('button', { name: 'Rescan Lobby Screens' }).click()
    const notice = page.getByTestId('offline-notice')
    await expect(notice).toContainText('is not there', { timeout: 15_000 })
    await expect(indexed).toContainText('3')

    // Back, but empty: only an explicit confirmation marks its files missing.
    mkdirSync(folder)
    await notice.getByRole('button', { name: 'Check again Lobby Screens' }).click()
    await expect(notice).toContainText('is empty', { timeout: 15_000 })
    await notice.getByRole('button', { name: 'Mark its files missing…' }).click()
    await expect(notice).toContainText('3 files will be marked missing')
    await page.screenshot({ path: screenshotPath('confirm-empty'), fullPage: true })
    await notice.getByRole('button', { name: 'Mark 3 files missing' }).click()
    await expect(page.getByTestId('scan-feedback')).toContainText('3 missing', { timeout: 15_000 })
    await expect(notice).toBeHidden()
    await expect(page.getByTestId('index-stats').locator('[data-stat="missing"]')).toContainText(
      '3',
    )
  })
})
