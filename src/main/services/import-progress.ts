import type {
  ImportFileOutcome,
  ImportFileProgress,
  ImportProgress,
  ImportResult,
} from '../../shared/contract'
import type { ApiError } from '../../shared/domain'

/** About four events a second per import: enough for a bar and a rate, cheap for the renderer. */
export const PROGRESS_INTERVAL_MS = 250

type Phase = ImportProgress['phase']

/**
 * One import's progress: files in flight, files settled since the last event, bytes, rate and
 * time left. Emits at most every PROGRESS_INTERVAL_MS (a trailing event carries the rest);
 * phase changes and the end go out at once.
 */
export class ImportProgressTracker {
  private phase: Phase = 'checking'
  private files = 0
  private totalFiles = 0
  private bytes = 0
  private totalBytes = 0
  /** Bytes actually moved since copying started: what the rate is made of. */
  private moved = 0
  private movedSince = 0
  private readonly current = new Map<number, ImportFileProgress>()
  private settled: ImportFileOutcome[] = []
  private lastEmit = 0
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly base: { importId: string; rootId: number; target: string },
    private readonly emit: (progress: ImportProgress) => void,
    private readonly now: () => number,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  /** Checking: what there is to hash for the duplicate check. */
  checking(totalBytes: number): void {
    this.totalBytes = totalBytes
    this.bytes = 0
    this.flush()
  }

  /** Copying starts: every file of the drop, those settled already, and the bytes to copy. */
  copying(totalFiles: number, settled: ImportFileOutcome[], totalBytes: number): void {
    this.phase = 'copying'
    this.totalFiles = totalFiles
    this.files = settled.length
    this.settled.push(...settled)
    this.totalBytes = totalBytes
    this.bytes = 0
    this.moved = 0
    this.movedSince = this.now()
    this.flush()
  }

  begin(file: Omit<ImportFileProgress, 'bytes'>): void {
    this.current.set(file.fileId, { ...file, bytes: 0 })
    this.soon()
  }

  /** Bytes read (checking) or copied (copying); `fileId` null while hashing for duplicates. */
  advance(fileId: number | null, n: number): void {
    const file = fileId === null ? undefined : this.current.get(fileId)
    if (file) file.bytes += n
    this.bytes += n
    this.moved += n
    this.soon()
  }

  /** A copy starts over (the source changed): its bytes so far no longer count. */
  restart(fileId: number): void {
    const file = this.current.get(fileId)
    if (!file) return
    this.bytes -= file.bytes
    file.bytes = 0
    this.soon()
  }

  /** A file is done with; `copied` when its bytes were among those to copy. */
  settle(outcome: ImportFileOutcome, size: number, copied: boolean): void {
    const file = this.current.get(outcome.fileId)
    this.current.delete(outcome.fileId)
    if (copied) this.bytes += size - (file?.bytes ?? 0)
    this.files++
    this.settled.push(outcome)
    this.soon()
  }

  /** The end: done or cancelled with the result, or failed with why. */
  finish(phase: Phase, end: { result?: ImportResult; error?: ApiError }): void {
    this.phase = phase
    this.current.clear()
    this.flush(end)
  }

  snapshot(): Omit<ImportProgress, 'settled' | 'result'> {
    const seconds = (this.now() - this.movedSince) / 1000
    const rate = this.phase === 'copying' && seconds > 0 ? this.moved / seconds : 0
    const left = this.totalBytes - this.bytes
    return {
      ...this.base,
      phase: this.phase,
      files: this.files,
      totalFiles: this.totalFiles,
      bytes: Math.max(0, this.bytes),
      totalBytes: this.totalBytes,
      rate: Math.round(rate),
      etaMs: rate > 0 && left > 0 ? Math.round((left / rate) * 1000) : null,
      current: [...this.current.values()].map((f) => ({ ...f })),
    }
  }

  /** Stops the trailing event (the import's record says the rest). */
  close(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private soon(): void {
    if (this.timer) return
    const wait = this.lastEmit + this.intervalMs - this.now()
    if (wait <= 0) return this.flush()
    this.timer = setTimeout(() => this.flush(), wait)
    this.timer.unref()
  }

  private flush(end: { result?: ImportResult; error?: ApiError } = {}): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.lastEmit = this.now()
    const settled = this.settled
    this.settled = []
    this.emit({
      ...this.snapshot(),
      settled,
      ...(end.result ? { result: end.result } : {}),
      ...(end.error ? { error: end.error.message, code: end.error.code } : {}),
    })
  }
}
