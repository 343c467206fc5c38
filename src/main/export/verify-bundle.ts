/**
 * Checks a bundle on its own, with nothing from the library (docs/bundle-format.md, "Verifying"):
 * what a player will find on the stick is what the manifest promises, byte for byte.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { manifestObjects, type BundleManifest } from './manifest'
import {
  code,
  filesUnder,
  inBundle,
  OBJECTS_DIR,
  readManifest,
  STAGING_DIR,
  SUMS_FILE,
  TEMPORARY_FILES,
  MANIFEST_FILE,
} from './bundle-folder'
import { parseSha256Sums } from './sha256sums'

export { collectGarbage, type GarbageReport } from './collect-garbage'

export interface BundleProblem {
  /** Bundle-relative, with `/`: `manifest.json`, `SHA256SUMS`, `objects/ab/cd/….mp4`. */
  file: string
  problem: string
  severity: 'error' | 'warning'
}

export interface BundleReport {
  /** No errors; warnings (leftovers of an interrupted export) do not stop a player. */
  ok: boolean
  bundleId: string | null
  /** Distinct objects the manifest names, and their bytes as the manifest gives them. */
  objects: number
  bytes: number
  problems: BundleProblem[]
}

export interface VerifyProgress {
  /** The object being hashed. */
  file: string
  bytesDone: number
  /** Bytes of the objects present at the right size: the ones that get hashed. */
  bytesTotal: number
}

export interface VerifyOptions {
  onProgress?: (progress: VerifyProgress) => void
  signal?: AbortSignal
}

/** A USB stick reads fastest in long sequential requests. */
const READ_CHUNK = 1024 * 1024

interface ExpectedObject {
  sha256: string
  size: number
}

export async function verifyBundle(
  dir: string,
  options: VerifyOptions = {},
): Promise<BundleReport> {
  const problems: BundleProblem[] = []
  const error = (file: string, problem: string) =>
    problems.push({ file, problem, severity: 'error' })
  const warn = (file: string, problem: string) =>
    problems.push({ file, problem, severity: 'warning' })

  const folder = await stat(dir).catch(() => null)
  if (!folder?.isDirectory()) {
    error('.', `${dir} is not a folder that can be read`)
    return { ok: false, bundleId: null, objects: 0, bytes: 0, problems }
  }
  const read = await readManifest(dir)
  if (!read.ok) {
    for (const reason of read.errors) error(MANIFEST_FILE, reason)
    await checkLeftovers(dir, warn)
    return { ok: false, bundleId: read.bundleId, objects: 0, bytes: 0, problems }
  }
  const expected = expectedObjects(read.manifest)
  await checkObjects(dir, expected, error, options)
  await checkSums(dir, expected, error, warn)
  await checkUnreferenced(dir, expected, warn)
  await checkLeftovers(dir, warn)
  let bytes = 0
  for (const object of expected.values()) bytes += object.size
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    bundleId: read.manifest.bundleId,
    objects: expected.size,
    bytes,
    problems,
  }
}

/** Object path → what it must be; validateManifest has made sure one path has one hash and size. */
function expectedObjects(manifest: BundleManifest): Map<string, ExpectedObject> {
  // Widget files are checked like objects: the manifest gives their hash and size.
  const objects: Map<string, ExpectedObject> = manifestObjects(manifest)
  for (const widget of manifest.widgets ?? []) {
    objects.set(widget.file, { sha256: widget.sha256, size: widget.size })
  }
  return objects
}

type Report = (file: string, problem: string) => void

/** Sizes first (cheap, and a wrong size needs no hashing), then every byte of the rest. */
async function checkObjects(
  dir: string,
  expected: Map<string, ExpectedObject>,
  error: Report,
  { onProgress, signal }: VerifyOptions,
): Promise<void> {
  const toHash: Array<[string, ExpectedObject]> = []
  for (const [path, object] of expected) {
    try {
      const info = await stat(inBundle(dir, path))
      if (!info.isFile()) error(path, 'is not a file')
      else if (info.size !== object.size) {
        error(path, `size is ${info.size} bytes; the manifest says ${object.size}`)
      } else toHash.push([path, object])
    } catch (cause) {
      error(path, code(cause) === 'ENOENT' ? 'missing' : `cannot be read (${describe(cause)})`)
    }
  }
  const bytesTotal = toHash.reduce((sum, [, object]) => sum + object.size, 0)
  let bytesDone = 0
  for (const [path, object] of toHash) {
    signal?.throwIfAborted()
    try {
      const actual = await sha256Of(
        inBundle(dir, path),
        (chunk) => {
          bytesDone += chunk
          onProgress?.({ file: path, bytesDone, bytesTotal })
        },
        signal,
      )
      if (actual !== object.sha256) {
        error(path, `sha256 mismatch: the file hashes to ${actual}, its name says ${object.sha256}`)
      }
    } catch (cause) {
      if (signal?.aborted) throw cause
      error(path, `cannot be read (${describe(cause)})`)
    }
  }
}

async function sha256Of(
  file: string,
  onChunk: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK, signal })) {
    hash.update(chunk as Buffer)
    onChunk((chunk as Buffer).length)
  }
  return hash.digest('hex')
}

/** SHA256SUMS must list exactly the manifest's objects, with the same hashes. */
async function checkSums(
  dir: string,
  expected: Map<string, ExpectedObject>,
  error: Report,
  warn: Report,
): Promise<void> {
  let text: string
  try {
    text = await readFile(inBundle(dir, SUMS_FILE), 'utf8')
  } catch (cause) {
    error(SUMS_FILE, code(cause) === 'ENOENT' ? 'missing' : `cannot be read (${describe(cause)})`)
    return
  }
  const { entries, errors } = parseSha256Sums(text)
  const carried = new Map<string, string>()
  for (const reason of errors) error(SUMS_FILE, reason)

  const listed = new Map<string, string>()
  for (const { path, sha256 } of entries) {
    if (listed.has(path)) error(SUMS_FILE, `lists ${path} more than once`)
    listed.set(path, sha256)
    const object = expected.get(path)
    if (!object && isCarried(path)) carried.set(path, sha256)
    else if (!object) error(SUMS_FILE, `lists ${path}, which the manifest does not name`)
    else if (object.sha256 !== sha256) {
      error(SUMS_FILE, `lists ${path} as ${sha256}; the manifest says ${object.sha256}`)
    }
  }
  for (const path of expected.keys()) {
    if (!listed.has(path)) error(SUMS_FILE, `does not list ${path}`)
  }
  const paths = entries.map((e) => e.path)
  if (paths.some((path, i) => i > 0 && paths[i - 1]! > path)) {
    warn(SUMS_FILE, 'lines are not sorted by path')
  }
  await checkCarried(dir, carried, expected, error, warn)
}

/** What a bundle carries besides media: the offline player and integration snapshots. */
const CARRIED_DIRS = ['player', 'widgets']

function isCarried(path: string): boolean {
  return CARRIED_DIRS.some((folder) => path.startsWith(`${folder}/`))
}

/**
 * The player and widget files SHA256SUMS lists must be there byte for byte, and nothing else may
 * sit in their folders: a player edited on the stick would play something nobody exported. A
 * bundle without them (made by hand, or by an older Marquee) still plays on players that read
 * the manifest, so their absence is not a problem.
 */
async function checkCarried(
  dir: string,
  listed: Map<string, string>,
  expected: Map<string, ExpectedObject>,
  error: Report,
  warn: Report,
): Promise<void> {
  for (const [path, sha256] of listed) {
    try {
      const actual = await sha256Of(inBundle(dir, path), () => {})
      if (actual !== sha256) {
        error(path, `sha256 mismatch: the file hashes to ${actual}, SHA256SUMS says ${sha256}`)
      }
    } catch (cause) {
      error(path, code(cause) === 'ENOENT' ? 'missing' : `cannot be read (${describe(cause)})`)
    }
  }
  for (const folder of CARRIED_DIRS) {
    for (const file of await filesUnder(dir, folder)) {
      if (listed.has(file.path) || expected.has(file.path)) continue
      const name = file.path.slice(file.path.lastIndexOf('/') + 1)
      if (/^\..+\.tmp$/.test(name)) {
        warn(file.path, 'temporary file from an interrupted export; the next export replaces it')
      } else error(file.path, 'is not listed in SHA256SUMS: it was not written by this export')
    }
  }
}

/** Objects of earlier exports stay until gc; worth knowing on a small stick, not an error. */
async function checkUnreferenced(
  dir: string,
  expected: Map<string, ExpectedObject>,
  warn: Report,
): Promise<void> {
  const extra = (await filesUnder(dir, OBJECTS_DIR)).filter((file) => !expected.has(file.path))
  if (extra.length === 0) return
  const bytes = extra.reduce((sum, file) => sum + file.size, 0)
  warn(
    `${OBJECTS_DIR}/`,
    `${extra.length} file${extra.length === 1 ? '' : 's'} (${bytes} bytes) not named by the manifest; \`marquee bundle gc\` removes them`,
  )
}

/** What an interrupted export leaves: the bundle still plays, the next export picks them up. */
async function checkLeftovers(dir: string, warn: Report): Promise<void> {
  for (const file of await filesUnder(dir, STAGING_DIR)) {
    warn(
      file.path,
      file.path.endsWith('.part')
        ? 'partial copy from an interrupted export; the next export resumes it, `marquee bundle gc` removes it'
        : 'left in the staging folder; `marquee bundle gc` removes it',
    )
  }
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of TEMPORARY_FILES) {
    if (names.includes(name)) {
      warn(name, 'temporary file from an interrupted export; `marquee bundle gc` removes it')
    }
  }
}

function describe(error: unknown): string {
  return code(error) ?? (error instanceof Error ? error.message : String(error))
}
