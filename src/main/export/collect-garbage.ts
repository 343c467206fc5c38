/**
 * `marquee bundle gc <dir>`: removes what the current manifest does not need — objects of earlier
 * exports, the staging folder, temporary files. Not safe while an export writes to the same
 * folder: its new objects are unreferenced until its manifest lands. The caller must hold the
 * folder's export lock.
 */
import { lstat, readdir, rm, rmdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { manifestObjects } from './manifest'
import {
  code,
  filesUnder,
  inBundle,
  OBJECTS_DIR,
  readManifest,
  STAGING_DIR,
  TEMPORARY_FILES,
} from './bundle-folder'

export interface GarbageReport {
  /** Bundle-relative paths, with `/`. */
  removed: string[]
  bytesFreed: number
}

/**
 * Refuses without a valid manifest: with nothing to say what the bundle needs, every object
 * would look like garbage.
 */
export async function collectGarbage(dir: string): Promise<GarbageReport> {
  const read = await readManifest(dir)
  if (!read.ok) {
    throw new Error(
      `Nothing was removed from ${dir}: its manifest.json is ${read.errors[0]}` +
        `${read.errors.length > 1 ? ` (and ${read.errors.length - 1} more problems)` : ''}. ` +
        'Without a valid manifest every object would look unused — run verify-bundle for details.',
    )
  }
  const referenced = new Set(manifestObjects(read.manifest).keys())
  const garbage = (await filesUnder(dir, OBJECTS_DIR)).filter((file) => !referenced.has(file.path))
  const staged = await filesUnder(dir, STAGING_DIR)

  const removed: string[] = []
  let bytesFreed = 0
  for (const file of garbage) {
    await unlink(inBundle(dir, file.path))
    removed.push(file.path)
    bytesFreed += file.size
  }
  await pruneEmptyFolders(inBundle(dir, OBJECTS_DIR), true)

  await rm(inBundle(dir, STAGING_DIR), { recursive: true, force: true })
  for (const file of staged) {
    removed.push(file.path)
    bytesFreed += file.size
  }
  for (const name of TEMPORARY_FILES) {
    try {
      const { size } = await lstat(join(dir, name))
      await unlink(join(dir, name))
      removed.push(name)
      bytesFreed += size
    } catch (error) {
      if (code(error) !== 'ENOENT') throw error
    }
  }
  return { removed, bytesFreed }
}

/** Empty fan-out folders (objects/ab/cd) go; objects/ itself stays. */
async function pruneEmptyFolders(folder: string, keep: boolean): Promise<void> {
  let entries
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch (error) {
    if (code(error) === 'ENOENT') return
    throw error
  }
  for (const entry of entries) {
    if (entry.isDirectory()) await pruneEmptyFolders(join(folder, entry.name), false)
  }
  if (!keep && (await readdir(folder)).length === 0) await rmdir(folder)
}
