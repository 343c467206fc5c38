import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createToken } from './serve-auth'

const TOKEN_FILE = 'serve-token'

/**
 * Serve mode's token, kept in the data directory (owner-only) so that a restarted `serve`
 * accepts the pages of the previous run: their uploads resume and their WebSocket reconnects
 * (docs/decisions.md, "Imports"). Whoever can read the data directory can read the library
 * anyway. Deleting the file gives the next run a new token.
 */
export async function keptToken(dataDir: string): Promise<string> {
  const path = join(dataDir, TOKEN_FILE)
  const kept = await readFile(path, 'utf8').catch(() => '')
  if (/^[A-Za-z0-9_-]{43}$/.test(kept.trim())) return kept.trim()
  const token = createToken()
  await writeFile(`${path}.tmp`, `${token}\n`, { mode: 0o600 })
  await rename(`${path}.tmp`, path)
  return token
}
