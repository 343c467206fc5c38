/**
 * Reading a bundle folder on its own: the manifest, the files under a subfolder. Shared by the
 * verifier and the garbage collector, which must agree on what a bundle's manifest says.
 */
import { lstat, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { validateManifest, type BundleManifest } from './manifest'

export const MANIFEST_FILE = 'manifest.json'
export const SUMS_FILE = 'SHA256SUMS'
export const OBJECTS_DIR = 'objects'
export const STAGING_DIR = '.staging'
/** Written beside the real files and renamed over them; left behind only by an interruption. */
export const TEMPORARY_FILES = ['.manifest.json.tmp', '.SHA256SUMS.tmp']

export type ManifestRead =
  { ok: true; manifest: BundleManifest } | { ok: false; errors: string[]; bundleId: string | null }

/** The bundle's manifest, or every reason it cannot be trusted. */
export async function readManifest(dir: string): Promise<ManifestRead> {
  let text: string
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8')
  } catch (error) {
    const reason =
      code(error) === 'ENOENT'
        ? 'missing: no export has finished in this folder'
        : `cannot be read (${code(error) ?? String(error)})`
    return { ok: false, errors: [reason], bundleId: null }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, errors: [`not valid JSON (${(error as Error).message})`], bundleId: null }
  }
  const check = validateManifest(value)
  if (check.ok) return check
  const bundleId = (value as { bundleId?: unknown } | null)?.bundleId
  return {
    ok: false,
    errors: check.errors,
    bundleId: typeof bundleId === 'string' ? bundleId : null,
  }
}

/** A bundle-relative path (`objects/ab/cd/…`) as a path on this machine. */
export function inBundle(dir: string, relative: string): string {
  return join(dir, ...relative.split('/'))
}

export interface FoundFile {
  /** Relative to the bundle, with `/`. */
  path: string
  size: number
}

/** Every file below `relative` (recursively), bundle-relative; none when it does not exist. */
export async function filesUnder(dir: string, relative: string): Promise<FoundFile[]> {
  let entries
  try {
    entries = await readdir(inBundle(dir, relative), { withFileTypes: true, recursive: true })
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return []
    throw error
  }
  const found: FoundFile[] = []
  for (const entry of entries) {
    if (entry.isDirectory()) continue
    const absolute = join(entry.parentPath, entry.name)
    const path = [relative, ...absolute.slice(inBundle(dir, relative).length + 1).split(/[\\/]/)]
    const { size } = await lstat(absolute)
    found.push({ path: path.join('/'), size })
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

export function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code
}
