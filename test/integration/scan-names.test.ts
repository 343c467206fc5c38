import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testCore } from '../support/core'
import { assetsByPath, writeTree } from '../support/library'
import { tempDir } from '../support/temp'

async function indexTree(
  files: Record<string, string>,
  options: { exclusions?: string[]; indexAllFiles?: boolean; kind?: 'network' } = {},
) {
  const core = testCore()
  const media = tempDir('marquee-names-')
  writeTree(media, files)
  const root = await core.services.roots.add({ path: media })
  if (options.exclusions || options.indexAllFiles || options.kind)
    core.services.roots.update({ id: root.id, ...options })
  const result = await core.services.scan.scan(root.id)
  expect(result.status).toBe('completed')
  return { core, media, root, paths: [...assetsByPath(core).keys()].sort() }
}

describe('what is indexed', () => {
  it('stores hostile names exactly as the filesystem gives them', async () => {
    const nfc = 'Caf\u00e9.jpg'
    const nfd = 'Cafe\u0301.jpg'
    const long = `${'a'.repeat(251)}.jpg`
    const deep = Array.from({ length: 40 }, (_, i) => `d${i}`).join('/')
    const names = [
      nfc,
      nfd,
      'line\nbreak.png',
      'back\\slash.gif',
      long,
      ' spaced .jpg',
      '100% #1 ?.webp',
      '🎬 clip.mp4',
      'UPPER.JPG',
      `${deep}/bottom.jpg`,
    ]
    const { core, paths } = await indexTree(Object.fromEntries(names.map((n) => [n, n])))
    expect(paths).toEqual([...names].sort())
    expect(Buffer.byteLength(long)).toBe(255)
    const byPath = assetsByPath(core)
    expect(byPath.get(nfc)!.id).not.toBe(byPath.get(nfd)!.id)
    expect(byPath.get('UPPER.JPG')!.type).toBe('image')
    expect(byPath.get(`${deep}/bottom.jpg`)!.relPath.split('/')).toHaveLength(41)
  })

  it('stores hostile names exactly, also when stat goes through folder descriptors (network roots)', async () => {
    const nfc = 'Caf\u00e9.jpg'
    const nfd = 'Cafe\u0301.jpg'
    const long = `${'a'.repeat(251)}.jpg`
    const deep = Array.from({ length: 40 }, (_, i) => `d${i}`).join('/')
    const names = [
      nfc,
      nfd,
      'line\nbreak.png',
      'back\\slash.gif',
      long,
      ' spaced .jpg',
      '100% #1 ?.webp',
      '🎬 clip.mp4',
      'UPPER.JPG',
      `${deep}/bottom.jpg`,
    ]
    const { core, paths } = await indexTree(Object.fromEntries(names.map((n) => [n, n])), {
      kind: 'network',
    })
    expect(paths).toEqual([...names].sort())
    expect(Buffer.byteLength(long)).toBe(255)
    const byPath = assetsByPath(core)
    expect(byPath.get(nfc)!.id).not.toBe(byPath.get(nfd)!.id)
    expect(byPath.get('UPPER.JPG')!.type).toBe('image')
    expect(byPath.get(`${deep}/bottom.jpg`)!.relPath.split('/')).toHaveLength(41)
  })

  it('indexes known media extensions only, case-insensitively, unless told to index everything', async () => {
    const files = {
      'a.JPG': '1',
      'b.Mov': '2',
      'c.flac': '3',
      'd.pdf': '4',
      'e.txt': '5',
      f: '6',
      'g.docx': '7',
    }
    expect((await indexTree(files)).paths).toEqual(['a.JPG', 'b.Mov', 'c.flac', 'd.pdf'])
    const all = await indexTree(files, { indexAllFiles: true })
    expect(all.paths).toEqual(['a.JPG', 'b.Mov', 'c.flac', 'd.pdf', 'e.txt', 'f', 'g.docx'])
    expect(assetsByPath(all.core).get('e.txt')!.type).toBe('other')
  })

  it('skips dotfiles, dot folders and NAS and OS litter', async () => {
    const litter = [
      '.hidden.jpg',
      '.cache/x.jpg',
      '._photo.jpg',
      '.DS_Store',
      '@eaDir/photo.jpg/SYNOPHOTO_THUMB_XL.jpg',
      '#recycle/old.jpg',
      '#snapshot/daily/a.jpg',
      'Thumbs.db',
      'sub/desktop.ini',
      '$RECYCLE.BIN/x.jpg',
      'System Volume Information/x.jpg',
      'sub/THUMBS.DB',
    ]
    const { paths } = await indexTree({
      ...Object.fromEntries(litter.map((l) => [l, 'x'])),
      'photo.jpg': 'p',
      'sub/ok.png': 'o',
    })
    expect(paths).toEqual(['photo.jpg', 'sub/ok.png'])
  })

  it('honours per-root exclusion patterns and .marqueeignore files (gitignore syntax)', async () => {
    const { paths } = await indexTree(
      {
        '.marqueeignore': '# drafts are not for screens\ndrafts/\n*.tmp.jpg\n',
        'drafts/a.jpg': 'a',
        'nested/drafts/b.jpg': 'b',
        'x.tmp.jpg': 'x',
        'keep.jpg': 'k',
        'venue/.marqueeignore': 'raw/\n!raw/keep.jpg\n',
        'venue/raw/c.jpg': 'c',
        'venue/show.mp4': 's',
        'archive/2019/old.jpg': 'o',
        'archive/2026/new.jpg': 'n',
      },
      { exclusions: ['archive/2019/'] },
    )
    expect(paths).toEqual(['archive/2026/new.jpg', 'keep.jpg', 'venue/show.mp4'])
  })

  it('never follows symlinks: no loops, nothing outside the root', async () => {
    const core = testCore()
    const outside = tempDir('marquee-outside-')
    writeTree(outside, { 'secret.jpg': 's' })
    const media = tempDir('marquee-links-')
    writeTree(media, { 'real/a.jpg': 'a' })
    symlinkSync(outside, join(media, 'escape'))
    symlinkSync(join(outside, 'secret.jpg'), join(media, 'secret-link.jpg'))
    symlinkSync(media, join(media, 'real', 'loop'))
    mkdirSync(join(media, 'x'))
    symlinkSync(join(media, 'y'), join(media, 'x', 'to-y'))
    symlinkSync(join(media, 'x'), join(media, 'y'))
    writeFileSync(join(media, 'real', 'b.mp4'), 'b')
    const root = await core.services.roots.add({ path: media })
    expect(await core.services.scan.scan(root.id)).toMatchObject({ status: 'completed', seen: 2 })
    expect([...assetsByPath(core).keys()].sort()).toEqual(['real/a.jpg', 'real/b.mp4'])
  })
})
