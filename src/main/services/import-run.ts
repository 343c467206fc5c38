import type { Root } from '../../shared/domain'
import type { EventBus } from '../events'
import type { Logger } from '../logger'
import type { ImportFilesRepository } from '../repositories/import-files.repository'
import type { ImportRow, ImportsRepository } from '../repositories/imports.repository'
import type { JobsRepository } from '../repositories/jobs.repository'
import type { UploadPartsRepository } from '../repositories/upload-parts.repository'
import type { ImportProgressTracker } from './import-progress'
import type { RootsService } from './roots.service'
import type { Slots } from '../slots'

/** What the import service and its parts (planning, copying, uploads) work with. */
export interface ImportDeps {
  imports: ImportsRepository
  files: ImportFilesRepository
  /** The parts of serve-mode uploads. */
  parts: UploadPartsRepository
  jobs: JobsRepository
  /** Starts the queued work (the job service's pump); called a few times a second at most. */
  wakeQueue(): void
  roots: RootsService
  events: EventBus
  logger: Logger
  now: () => number
  /** Marquee's own data directory: nothing inside it is imported. */
  dataDir: string
  /** Files under way at once: copying, or waiting for the disk to take them (fsync). */
  lanes: number
  /** Of those, files whose bytes move and are hashed at once: about one a core. */
  copying: number
  /** How long an upload waits for its page to send more (default UPLOAD_GRACE_MS). */
  uploadGraceMs?: number
}

/** One import while this process works on it. */
export interface RunContext {
  row: ImportRow
  root: Root
  /** The absolute folder the drop lands in. */
  target: string
  progress: ImportProgressTracker
  /** Aborted when the whole import is cancelled, or when Marquee closes. */
  controller: AbortController
  /** The copy slots, shared by every import of this process (ImportDeps.copying). */
  copying: Slots
  /** Files being put in place now, by content: a twin in the drop waits to find it as a copy. */
  placing: Map<string, Promise<void>>
  /** Copies running now, each stoppable alone. */
  copies: Map<number, AbortController>
  cancelled: boolean
  closing: boolean
  /** Set when the rest cannot be copied (the target is full, or stopped answering). */
  stopRest: string | null
  /** Called whenever an upload settles (the run waits for its uploads). */
  nudge: () => void
}
