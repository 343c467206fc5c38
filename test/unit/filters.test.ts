import { describe, expect, it } from 'vitest'
import { isDefaultExcluded, isIgnored, ruleSet } from '../../src/main/scan/filters'
import { extensionOf, mediaTypeOf } from '../../src/main/scan/media-types'

describe('filters', () => {
  it.each([
    '.DS_Store',
    '._IMG_1.jpg',
    '.git',
    '@eaDir',
    '#recycle',
    '#snapshot',
    'Thumbs.db',
    'THUMBS.DB',
    'desktop.ini',
    '$RECYCLE.BIN',
    'System Volume Information',
  ])('excludes %s by default', (name) => expect(isDefaultExcluded(name)).toBe(true))

  it.each(['photo.jpg', 'recycle', 'eaDir', 'my.thumbs.db.jpg'])('keeps %s', (name) => {
    expect(isDefaultExcluded(name)).toBe(false)
  })

  it('applies nested rule sets below their folder only', () => {
    const sets = [ruleSet('', ['*.tmp'])!, ruleSet('venue', 'raw/\n')!]
    expect(isIgnored(sets, 'a.tmp', false)).toBe(true)
    expect(isIgnored(sets, 'venue/raw', true)).toBe(true)
    expect(isIgnored(sets, 'raw', true)).toBe(false)
    expect(isIgnored(sets, 'venue/show.mp4', false)).toBe(false)
  })

  it('ignores empty and comment-only rule files', () => {
    expect(ruleSet('', '# nothing\n\n')).toBeNull()
  })

  it('types by extension, case-insensitively', () => {
    expect(mediaTypeOf('A.HEIC')).toBe('image')
    expect(mediaTypeOf('clip.MKV')).toBe('video')
    expect(mediaTypeOf('song.flac')).toBe('audio')
    expect(mediaTypeOf('menu.PDF')).toBe('document')
    expect(mediaTypeOf('notes.txt')).toBeNull()
    expect(extensionOf('.hidden')).toBe('')
    expect(extensionOf('archive.tar.gz')).toBe('gz')
  })
})
