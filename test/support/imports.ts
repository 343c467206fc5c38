import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Core } from '../../src/main/app'
import type { ImportRequest, ImportStatus } from '../../src/shared/contract'
import { inboxFolder } from '../../src/main/services/import-plan'

/** Bytes no other test file has: every fixture is its own content unless a test says so. */
export const randomContent = (bytes: number): Buffer => randomBytes(bytes)

export const sha256Of = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex')

/** Today's inbox folder of a root, absolute. */
export const inboxOf = (rootPath: string, inbox = 'Inbox'): string =>
  join(rootPath, inboxFolder(inbox, new Date()))

/** Starts an import through the dispatcher and waits until it has ended; answers its status. */
export async function importAndWait(core: Core, request: ImportRequest): Promise<ImportStatus> {
  const response = await core.dispatch('import.start', request)
  if (!response.ok) throw Object.assign(new Error(response.error.message), response.error)
  const { importId } = response.result as { importId: string }
  await core.services.imports.settled(importId)
  return core.services.imports.status(importId)
}

/** Every file under `dir` (relative, '/'-separated), dot files included. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort()
}

export const partsUnder = (dir: string): string[] =>
  filesUnder(dir).filter((f) => f.includes('.marquee-import-'))
