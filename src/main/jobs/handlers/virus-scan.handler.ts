import { JobName } from '../job-names'
import { originalPath, PermanentFailure, type JobHandler } from '../job-context'

/** One file, however large; clamscan loading the official signatures alone takes ~20 s. */
const SCAN_TIMEOUT_MS = 10 * 60_000

/**
 * The optional ClamAV stage, between hashing and metadata, for roots that ask for it: an
 * infected file fails for good with the signature's name before anything decodes it, and the
 * export refuses it. A missing ClamAV is the machine's problem, not the file's: retried as usual.
 */
export const virusScan: JobHandler = async (asset, context, signal) => {
  const { verdict, engine } = await context
    .clamav()
    .scan(originalPath(asset), SCAN_TIMEOUT_MS, signal)
  const scannedAt = context.now()
  if (verdict.infected) {
    context.assets.setMetadata(
      asset.id,
      'virusScan',
      { result: 'infected', signature: verdict.signature, engine, scannedAt, sha256: asset.sha256 },
      scannedAt,
    )
    throw new PermanentFailure(
      `Infected: ClamAV found ${verdict.signature} in this file. Marquee does not process it and never copies it into an export; delete or replace the file.`,
    )
  }
  context.assets.setMetadata(
    asset.id,
    'virusScan',
    { result: 'clean', engine, scannedAt, sha256: asset.sha256 },
    scannedAt,
  )
  return [JobName.AssetExtractMetadata]
}

/** After the content hash: the virus scan when the root asks for it, else the metadata. */
export const afterHash = (asset: { virusScan: number }): JobName[] =>
  asset.virusScan === 1 ? [JobName.AssetScan] : [JobName.AssetExtractMetadata]
