import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test } from './serve-fixture'

test.describe("a library folder's inbox", () => {
  let media: string
  test.beforeAll(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-inbox-'))
  })
  test.afterAll(() => rmSync(media, { recursive: true, force: true }))

  test('is shown on the folder page, checked as typed, changed, and used by the next import', async ({
    page,
    marquee,
  }) => {
    const folder = join(media, 'Lobby')
    mkdirSync(folder)
    const added = await marquee.cli('roots', 'add', folder, '--json')
    expect(added.code, added.stderr).toBe(0)
    const root = JSON.parse(added.stdout) as { id: number; path: string }

    await page.goto(marquee.url)
    await page.getByRole('link', { name: 'Folders' }).click()
    await page.getByRole('link', { name: 'Lobby', exact: true }).first().click()
    await expect(page).toHaveURL(new RegExp(`#/folders/${root.id}$`))
    const setting = page.getByTestId('inbox-setting')
    await expect(page.getByTestId('inbox-path')).toHaveText(`${root.path}/Inbox/`)

    await setting.getByRole('button', { name: 'Change inbox…' }).click()
    const input = setting.getByLabel('Inbox folder, inside Lobby')
    const save = setting.getByRole('button', { name: 'Save' })
    const refusals: Array<[string, string]> = [
      ['../Elsewhere', '“..” is not allowed'],
      ['/mnt/Inbox', 'not a full path'],
      ['.drops', 'hidden'],
      ['  ', 'Give a folder name'],
    ]
    for (const [value, says] of refusals) {
      await input.fill(value)
      await expect(setting.getByRole('alert')).toContainText(says)
      await expect(save).toBeDisabled()
    }
    await input.fill('../Elsewhere')
    await page.screenshot({ path: screenshotPath('inbox-setting-refused') })

    // Escape leaves it as it was.
    await input.press('Escape')
    await expect(input).toBeHidden()
    await expect(page.getByTestId('inbox-path')).toHaveText(`${root.path}/Inbox/`)

    await setting.getByRole('button', { name: 'Change inbox…' }).click()
    await input.fill('Drops\\Lobby/')
    await expect(page.getByTestId('inbox-path')).toHaveText(`${root.path}/Drops/Lobby/`)
    await save.click()
    await expect(input).toBeHidden()
    await expect(page.getByTestId('inbox-path')).toHaveText(`${root.path}/Drops/Lobby/`)
    await page.screenshot({ path: screenshotPath('inbox-setting-changed') })
    const listed = JSON.parse((await marquee.cli('roots', 'ls', '--json')).stdout) as {
      inbox: string
    }[]
    expect(listed[0]!.inbox).toBe('Drops/Lobby')
    // Not created until something is imported into it.
    expect(existsSync(join(folder, 'Drops'))).toBe(false)

    const source = join(media, 'poster.png')
    writeFileSync(source, await (await photoLike(160, 100, 5)).png().toBuffer())
    const imported = await marquee.cli('import', source, '--into', String(root.id), '--json')
    expect(imported.code, imported.stderr).toBe(0)
    const [day] = readdirSync(join(folder, 'Drops', 'Lobby'))
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(readdirSync(join(folder, 'Drops', 'Lobby', day!))).toEqual(['poster.png'])
  })
})
