import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Core } from '../../src/main/app'
import type { Asset } from '../../src/shared/domain'

/** Scans every root and processes until the queue is empty. */
export async function indexAndProcess(core: Core): Promise<void> {
  await core.services.scan.scanMany(undefined)
  core.services.jobs.queueDiscovered()
  core.services.jobs.start()
  await core.services.jobs.idle()
}

export function assetAt(core: Core, path: string): Asset {
  return core.services.assets.byPath(path)
}

export function derivativeFile(core: Core, asset: Asset, variant: string): string {
  const d = asset.derivatives.find((x) => x.variant === variant)
  if (!d)
    throw new Error(
      `${asset.relPath} has no ${variant} (has ${asset.derivatives.map((x) => x.variant).join(', ')})`,
    )
  return join(core.paths.cacheDir, ...d.path.split('/'))
}

/** Whether an MP4's index (moov) comes before its media data (mdat): "faststart". */
export function isFaststart(path: string): boolean {
  const bytes = readFileSync(path)
  let offset = 0
  while (offset + 8 <= bytes.length) {
    const size = bytes.readUInt32BE(offset)
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    if (type === 'moov') return true
    if (type === 'mdat') return false
    if (size < 8) return false
    offset += size
  }
  return false
}
