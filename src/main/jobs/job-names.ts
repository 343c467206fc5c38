/** Every kind of job, one handler each (checked at start-up by the job service). */
export enum JobName {
  AssetIdentify = 'AssetIdentify',
  AssetHash = 'AssetHash',
  AssetExtractMetadata = 'AssetExtractMetadata',
  AssetGenerateThumbnails = 'AssetGenerateThumbnails',
  AssetGeneratePreview = 'AssetGeneratePreview',
  AssetScan = 'AssetScan',
  AssetAnalyze = 'AssetAnalyze',
}

export const JOB_NAMES = Object.values(JobName)

/** Where a job's work runs: the lanes have their own concurrency limits. */
export type Lane = 'io' | 'cpu' | 'ffmpeg' | 'scan'

export const MAX_ATTEMPTS = 3

/** Exponential backoff after a failed attempt: 2 s, 8 s, 32 s … */
export function backoffMs(attempts: number): number {
  return 2000 * 4 ** Math.max(0, attempts - 1)
}

export const PRIORITY = { background: 0, visible: 10, dropped: 20 } as const
