import { join } from 'node:path'
import type { Logger } from '../logger'
import type { CacheRepository } from '../repositories/cache.repository'
import type { ClamavRepository } from '../repositories/clamav.repository'
import type { ColorsRepository } from '../repositories/colors.repository'
import type { DerivativesRepository } from '../repositories/derivatives.repository'
import type { ExiftoolRepository } from '../repositories/exiftool.repository'
import type { OriginalsRepository } from '../repositories/originals.repository'
import type { FfmpegRepository } from '../repositories/ffmpeg.repository'
import type { PdfRepository } from '../repositories/pdf.repository'
import type { ProcessingAsset, ProcessingRepository } from '../repositories/processing.repository'
import type { MediaPool } from './pool'
import type { JobName } from './job-names'

/** What every job handler may use. Built once by the composition root. */
export interface JobContext {
  assets: ProcessingRepository
  derivatives: DerivativesRepository
  /** Each asset's palette (the analysis of the thumbnails step). */
  colors: ColorsRepository
  pool: MediaPool
  /** Throws a clear error when ffmpeg/ffprobe are not installed. */
  ffmpeg(): FfmpegRepository
  /** pdfinfo and pdftoppm; throws a clear error when poppler-utils is not installed. */
  pdf(): PdfRepository
  /** ClamAV for roots with virus scanning on; throws a clear error when it is not installed. */
  clamav(): ClamavRepository
  exiftool: ExiftoolRepository
  /** Reads of originals that must not wait on (or for) a hung network share. */
  originals: OriginalsRepository
  cache: CacheRepository
  logger: Logger
  now(): number
}

/** A handler does one step for one asset and names the steps that follow. */
export type JobHandler = (
  asset: ProcessingAsset,
  context: JobContext,
  signal: AbortSignal,
) => Promise<JobName[]>

/** A failure retrying cannot fix (the bytes are what they are): the asset fails at once. */
export class PermanentFailure extends Error {
  override name = 'PermanentFailure'
}

export const originalPath = (asset: ProcessingAsset): string =>
  join(asset.rootPath, asset.dir, asset.name)
