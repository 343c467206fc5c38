import { readFile } from 'node:fs/promises'
import { join, normalize, relative, sep } from 'node:path'
import { isInside } from '../paths'
import { contentTypeFor } from './content-type'

export interface StaticFile {
  body: Buffer
  contentType: string
  immutable: boolean
}

/**
 * Reads a file of the built renderer. Vite's hashed assets are cached forever; index.html never.
 * Returns null for anything outside the folder or missing.
 */
export async function readStaticFile(dir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const name = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const file = normalize(join(dir, name))
  if (!isInside(file, dir)) return null
  try {
    return {
      body: await readFile(file),
      contentType: contentTypeFor(file),
      immutable: relative(dir, file).startsWith(`assets${sep}`),
    }
  } catch {
    return null
  }
}
