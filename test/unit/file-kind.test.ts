import { supportedMimeTypes } from 'file-type'
import { describe, expect, it } from 'vitest'
import {
  describeNonMedia,
  extensionMatchesMime,
  mediaTypeForMime,
} from '../../src/main/media/file-kind'
import { MEDIA_EXTENSIONS } from '../../src/main/scan/media-types'

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text)
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values)
const join = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]))

describe('describeNonMedia', () => {
  it.each([
    ['an empty file', new Uint8Array(0)],
    ['a program (Linux ELF executable)', join(bytes(0x7f), ascii('ELF'), bytes(2, 1, 1, 0, 0, 0))],
    ['a Windows program (EXE)', join(ascii('MZ'), bytes(0x90, 0, 3, 0, 0, 0, 4, 0))],
    ['a script', ascii('#!/bin/sh\necho hello\n')],
    ['a ZIP archive', join(ascii('PK'), bytes(3, 4, 20, 0, 0, 0, 8, 0))],
    ['a PDF document', ascii('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n')],
    ['a gzip archive', bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3)],
    ['a database (SQLite)', join(ascii('SQLite format 3'), bytes(0, 16, 0, 1, 1))],
    ['an HTML page', ascii('<!DOCTYPE html>\n<html lang="en"><head>')],
    ['an HTML page', ascii('\n\n  <HTML>\n<body>Moved</body></HTML>')],
    ['an HTML page', join(bytes(0xef, 0xbb, 0xbf), ascii('<!doctype html><title>404</title>'))],
    ['an XML/SVG document', ascii('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="…">')],
    ['an XML/SVG document', ascii('<svg width="10" height="10"></svg>')],
    ['a text file', ascii('Shot list\r\n\t1. Lobby\n\t2. Café terrace — dusk\n')],
    ['a text file', ascii('{"version": 2, "assets": []}')],
  ])('calls it %s', (words, head) => {
    expect(describeNonMedia(head)).toBe(words)
  })

  it('reads Latin-1 text with a few accented letters as text', () => {
    const latin1 = Uint8Array.from('Liste des séquences: café, crème, été\n', (c) =>
      c.charCodeAt(0),
    )
    expect(describeNonMedia(latin1)).toBe('a text file')
  })

  it('does not trip over a character cut in half at the end of the head', () => {
    const text = ascii('Légende: '.repeat(455))
    const middleOfE = text.indexOf(0xc3, 4000) + 1
    expect(describeNonMedia(text.subarray(0, middleOfE))).toBe('a text file')
  })

  it('calls random bytes and anything with NUL bytes unrecognised', () => {
    let state = 7
    const noise = Uint8Array.from(
      { length: 4096 },
      () => (state = (state * 1103515245 + 12345) >>> 0) >>> 24,
    )
    expect(describeNonMedia(noise)).toBe('not a media file (unrecognised bytes)')
    expect(describeNonMedia(join(ascii('hello'), bytes(0), ascii('world')))).toBe(
      'not a media file (unrecognised bytes)',
    )
  })
})

describe('mediaTypeForMime', () => {
  it.each([
    ['image/jpeg', 'image'],
    ['image/heic-sequence', 'image'],
    ['image/x-canon-cr3', 'image'],
    ['video/quicktime', 'video'],
    ['video/MP2P', 'video'],
    ['audio/ogg; codecs=opus', 'audio'],
    ['audio/x-m4a', 'audio'],
    ['application/pdf', 'document'],
    ['application/mp4', 'video'],
    ['application/ogg', 'video'],
    ['application/vnd.ms-asf', 'video'],
    ['application/mxf', 'video'],
    ['application/zip', null],
    ['application/xml', null],
    ['text/vtt', null],
    ['font/woff2', null],
    ['', null],
  ])('processes %s as %s', (mime, type) => {
    expect(mediaTypeForMime(mime)).toBe(type)
  })
})

describe('extensionMatchesMime', () => {
  it.each([
    ['jpg', 'image/jpeg'],
    ['JPEG', 'image/jpeg'],
    ['.jpe', 'image/jpeg'],
    ['png', 'image/apng'],
    ['tif', 'image/tiff'],
    ['tiff', 'image/tiff'],
    ['heic', 'image/heif'],
    ['heif', 'image/heic'],
    ['cr2', 'image/x-canon-cr2'],
    ['nef', 'image/x-nikon-nef'],
    ['nef', 'image/tiff'],
    ['dng', 'image/x-adobe-dng'],
    ['arw', 'image/tiff'],
    ['svg', 'application/xml'],
    ['mov', 'video/quicktime'],
    ['mov', 'video/mp4'],
    ['mp4', 'video/mp4'],
    ['m4v', 'video/x-m4v'],
    ['m4v', 'video/mp4'],
    ['m4a', 'audio/x-m4a'],
    ['m4a', 'audio/mp4'],
    ['m4a', 'video/mp4'],
    ['mkv', 'video/matroska'],
    ['mkv', 'video/x-matroska'],
    ['webm', 'video/webm'],
    ['avi', 'video/vnd.avi'],
    ['wmv', 'audio/x-ms-asf'],
    ['mpg', 'video/MP1S'],
    ['m2ts', 'video/mp2t'],
    ['ogg', 'audio/ogg'],
    ['oga', 'audio/ogg'],
    ['opus', 'audio/ogg; codecs=opus'],
    ['mp3', 'audio/mpeg'],
    ['aiff', 'audio/aiff'],
    ['pdf', 'application/pdf'],
    ['jxl', 'image/jxl'],
    ['xcf', 'image/x-xcf'],
  ])('expects .%s to hold %s', (ext, mime) => {
    expect(extensionMatchesMime(ext, mime)).toBe(true)
  })

  it.each([
    ['jpg', 'image/png'],
    ['png', 'image/jpeg'],
    ['heic', 'image/avif'],
    ['mp4', 'video/quicktime'],
    ['mkv', 'video/webm'],
    ['webm', 'video/matroska'],
    ['mp3', 'audio/mp4'],
    ['aac', 'audio/x-m4a'],
    ['cr3', 'image/tiff'],
    ['pdf', 'text/plain'],
    ['', 'image/jpeg'],
    ['txt', 'image/jpeg'],
  ])('flags .%s holding %s', (ext, mime) => {
    expect(extensionMatchesMime(ext, mime)).toBe(false)
  })

  it('matches every extension the scanner indexes to a MIME type file-type reports', () => {
    const reported = [...supportedMimeTypes]
    const unmatched = Object.values(MEDIA_EXTENSIONS)
      .flat()
      .filter((ext) => !reported.some((mime) => extensionMatchesMime(ext, mime)))
    expect(unmatched).toEqual([])
  })
})
