import type { JobHandler } from '../job-context'
import { JobName, type Lane } from '../job-names'
import { hash } from './hash.handler'
import { identify } from './identify.handler'
import { extractMetadata } from './metadata.handler'
import { generatePreview } from './preview.handler'
import { generateThumbnails } from './thumbnails.handler'
import { virusScan } from './virus-scan.handler'
import { analyze } from './analyze.handler'

/** One handler per job name; the record type makes a missing one a compile error. */
export const HANDLERS: Record<JobName, { run: JobHandler; lane: Lane; timeoutMs: number }> = {
  [JobName.AssetIdentify]: { run: identify, lane: 'io', timeoutMs: 60_000 },
  [JobName.AssetHash]: { run: hash, lane: 'cpu', timeoutMs: 30 * 60_000 },
  [JobName.AssetExtractMetadata]: { run: extractMetadata, lane: 'io', timeoutMs: 2 * 60_000 },
  [JobName.AssetGenerateThumbnails]: {
    run: generateThumbnails,
    lane: 'cpu',
    timeoutMs: 5 * 60_000,
  },
  [JobName.AssetGeneratePreview]: { run: generatePreview, lane: 'ffmpeg', timeoutMs: 20 * 60_000 },
  // One at a time: clamscan holds the whole signature database (~1 GB) in memory.
  [JobName.AssetScan]: { run: virusScan, lane: 'scan', timeoutMs: 15 * 60_000 },
  // Palettes of assets processed before there were any (migration 16), from the thumbnail.
  [JobName.AssetAnalyze]: { run: analyze, lane: 'cpu', timeoutMs: 60_000 },
}
