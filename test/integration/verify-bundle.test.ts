import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  buildManifest,
  objectPath,
  serializeManifest,
  type ManifestMediaInput,
} from '../../src/main/export/manifest'
import { PROFILES } from '../../src/main/export/profiles'
import { formatSha256Sums } from '../../src/main/export/sha256sums'
import { collectGarbage, verifyBundle } from '../../src/main/export/verify-bundle'
import { tempDir } from '../support/temp'

const SOURCE_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Writes bytes under the bundle, making the fan-out folders on the way. */
function put(dir: string, path: string, bytes: Buffer | string): void {
  const file = join(dir, ...path.split('/'))
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, bytes)
}

/**
 * A bundle written by hand the way the exporter writes one: three objects named by their hash,
 * SHA256SUMS, then manifest.json. Returns the folder and each object's path.
 */
function writeBundle() {
  const dir = tempDir('marquee-bundle-')
  const files = [
    { id: 1, ext: 'webp', type: 'image' as const, mime: 'image/webp', bytes: 'RIFF a lobby photo' },
    { id: 2, ext: 'jpg', type: 'image' as const, mime: 'image/jpeg', bytes: 'JFIF the menu' },
    { id: 3, ext: 'mp4', type: 'video' as const, mime: 'video/mp4', bytes: 'ftypisom a promo' },
  ].map((file) => {
    const bytes = Buffer.from(file.bytes.repeat(1000))
    return { ...file, bytes, sha256: sha256(bytes), path: objectPath(sha256(bytes), file.ext) }
  })
  for (const file of files) put(dir, file.path, file.bytes)
  const media: ManifestMediaInput[] = files.map((file) => ({
    id: file.id,
    name: `item-${file.id}.${file.ext}`,
    type: file.type,
    mime: file.mime,
    size: file.bytes.length,
    sha256: file.sha256,
    ext: file.ext,
    width: 1920,
    height: 1080,
    durationMs: file.type === 'video' ? 12_000 : null,
    facts: null,
    handling: file.type === 'video' ? 'copied' : 'converted',
    source: { sha256: SOURCE_SHA, path: `/library/item-${file.id}`, assetId: file.id },
  }))
  const manifest = buildManifest({
    name: 'Lobby',
    bundleId: '2f7c0c3e-9a51-4a47-bb0f-6a9d1b8f0f11',
    parentBundleId: null,
    createdAt: Date.UTC(2026, 10, 21, 9, 30),
    generator: { name: 'Marquee', version: '0.1.0' },
    profile: PROFILES['fhd-h264'],
    playlists: [{ id: 1, name: 'Lobby', items: files.map((f) => ({ mediaId: f.id })) }],
    media,
  })
  put(dir, 'SHA256SUMS', formatSha256Sums(files))
  put(dir, 'manifest.json', serializeManifest(manifest))
  return { dir, paths: files.map((f) => f.path) as [string, string, string] }
}

function errors(report: Awaited<ReturnType<typeof verifyBundle>>) {
  return report.problems.filter((p) => p.severity === 'error')
}

/** The parts of a manifest the tests below damage. */
interface Editable {
  schemaVersion: unknown
  playlists?: unknown
  media: Array<{ size: number }>
}

function editJson(dir: string, name: string, edit: (value: Editable) => void): void {
  const value = JSON.parse(readFileSync(join(dir, name), 'utf8'))
  edit(value)
  writeFileSync(join(dir, name), JSON.stringify(value))
}

describe('verifyBundle', () => {
  it('passes a complete bundle and reports hashing progress up to every byte', async () => {
    const { dir } = writeBundle()
    const progress: number[] = []
    const report = await verifyBundle(dir, { onProgress: (p) => progress.push(p.bytesDone) })
    expect(report).toEqual({
      ok: true,
      bundleId: '2f7c0c3e-9a51-4a47-bb0f-6a9d1b8f0f11',
      objects: 3,
      bytes: 18_000 + 13_000 + 16_000,
      problems: [],
    })
    expect(progress.at(-1)).toBe(report.bytes)
  })

  it('passes the real sha256sum -c on a bundle it passes', () => {
    const { dir } = writeBundle()
    const output = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })
    expect(output.trim().split('\n')).toHaveLength(3)
    expect(output).not.toMatch(/FAILED/)
  })

  it('names the object whose bytes changed', async () => {
    const { dir, paths } = writeBundle()
    const file = join(dir, ...paths[1].split('/'))
    const bytes = readFileSync(file)
    bytes.writeUInt8(bytes.readUInt8(100) ^ 0xff, 100)
    writeFileSync(file, bytes)
    const report = await verifyBundle(dir)
    expect(report.ok).toBe(false)
    expect(errors(report)).toEqual([
      { file: paths[1], problem: expect.stringMatching(/^sha256 mismatch/), severity: 'error' },
    ])
  })

  it('names a deleted object as missing', async () => {
    const { dir, paths } = writeBundle()
    rmSync(join(dir, ...paths[0].split('/')))
    expect(errors(await verifyBundle(dir))).toEqual([
      { file: paths[0], problem: 'missing', severity: 'error' },
    ])
  })

  it('catches a manifest whose size was edited', async () => {
    const { dir, paths } = writeBundle()
    editJson(dir, 'manifest.json', (m) => (m.media[2]!.size += 1))
    expect(errors(await verifyBundle(dir))).toEqual([
      {
        file: paths[2],
        problem: 'size is 16000 bytes; the manifest says 16001',
        severity: 'error',
      },
    ])
  })

  it('reports a manifest that breaks the schema, and checks nothing it cannot trust', async () => {
    const { dir } = writeBundle()
    editJson(dir, 'manifest.json', (m) => delete m.playlists)
    const report = await verifyBundle(dir)
    expect(report).toMatchObject({ ok: false, bundleId: '2f7c0c3e-9a51-4a47-bb0f-6a9d1b8f0f11' })
    expect(errors(report)).toEqual([
      { file: 'manifest.json', problem: 'manifest: missing "playlists"', severity: 'error' },
    ])
  })

  it('reports a missing or unreadable manifest', async () => {
    const { dir } = writeBundle()
    writeFileSync(join(dir, 'manifest.json'), '{"schemaVersion": 1,')
    expect(errors(await verifyBundle(dir))[0]?.problem).toMatch(/^not valid JSON/)
    rmSync(join(dir, 'manifest.json'))
    expect(errors(await verifyBundle(dir))[0]?.problem).toMatch(/^missing/)
  })

  it('catches SHA256SUMS missing a line', async () => {
    const { dir, paths } = writeBundle()
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').split('\n')
    writeFileSync(join(dir, 'SHA256SUMS'), sums.filter((l) => !l.endsWith(paths[1])).join('\n'))
    expect(errors(await verifyBundle(dir))).toEqual([
      { file: 'SHA256SUMS', problem: `does not list ${paths[1]}`, severity: 'error' },
    ])
  })

  it('warns about, but passes, the leftovers of an interrupted export', async () => {
    const { dir } = writeBundle()
    put(dir, '.staging/abc.mp4.part', 'half a file')
    put(dir, 'objects/00/11/old.mp4', 'from the last export')
    const report = await verifyBundle(dir)
    expect(report.ok).toBe(true)
    expect(report.problems.map((p) => [p.severity, p.file])).toEqual([
      ['warning', 'objects/'],
      ['warning', '.staging/abc.mp4.part'],
    ])
  })
})

describe('collectGarbage', () => {
  it('removes unreferenced objects, empty fan-out folders and staging, and keeps the bundle whole', async () => {
    const { dir, paths } = writeBundle()
    put(dir, 'objects/00/11/old.mp4', 'from the last export')
    put(dir, '.staging/abc.mp4.part', 'half')
    const result = await collectGarbage(dir)
    expect(result).toEqual({
      removed: ['objects/00/11/old.mp4', '.staging/abc.mp4.part'],
      bytesFreed: 20 + 4,
    })
    expect(existsSync(join(dir, 'objects', '00'))).toBe(false)
    expect(existsSync(join(dir, '.staging'))).toBe(false)
    for (const path of paths) expect(existsSync(join(dir, ...path.split('/')))).toBe(true)
    expect((await verifyBundle(dir)).problems).toEqual([])
  })

  it('removes nothing when the manifest is not valid', async () => {
    const { dir } = writeBundle()
    put(dir, 'objects/00/11/old.mp4', 'from the last export')
    editJson(dir, 'manifest.json', (m) => (m.schemaVersion = 'one'))
    await expect(collectGarbage(dir)).rejects.toThrow(/Nothing was removed/)
    expect(existsSync(join(dir, 'objects', '00', '11', 'old.mp4'))).toBe(true)
  })
})
