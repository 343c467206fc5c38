import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Core } from '../../src/main/app'
import type { Asset, ScanResult } from '../../src/shared/domain'

/** Writes files (relative path → content) under a folder, making folders as needed. */
export function writeTree(base: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(base, rel)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
  }
}

/** Every asset of the library, by relative path. */
export function assetsByPath(core: Core, rootId?: number): Map<string, Asset> {
  const { items } = core.services.assets.list({ limit: 10_000, ...(rootId ? { rootId } : {}) })
  return new Map(items.map((a) => [a.relPath, a]))
}

export function counts(result: ScanResult) {
  const { seen, added, changed, moved, missing, restored } = result
  return { seen, added, changed, moved, missing, restored }
}
