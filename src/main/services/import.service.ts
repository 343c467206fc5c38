import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { ImportRequest, ImportStatus } from '../../shared/contract'
import type { ApiError } from '../../shared/domain'
import { AppError } from '../errors'
import type { ImportFileRow, ImportRow } from '../repositories/imports.repository'
import { copyFile, fail, settle } from './import-copy'
import { recoverFiles } from './import-recovery'
import { outcomeOf, resolveTarget, resultOf } from './import-plan'
import { planSources, planUploads } from './import-planner'
import { ImportProgressTracker } from './import-progress'
import { ImportUploads } from './import-uploads'
import type { ImportDeps, RunContext } from './import-run'
import { isWaitingTwin } from './import-upload-claims'
import { Slots } from '../slots'

export type { ImportDeps } from './import-run'

/** How long uploads wait for their page (after a restart too) before they fail: decisions.md. */
export const UPLOAD_GRACE_MS = 15 * 60_000

const PHASE_OF_STATUS = {
  planning: 'checking',
  copying: 'copying',
  done: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
} as const

/**
 * Ingestion (issue 11; ARCHITECTURE.md §4): the one pipeline behind the app's drop, serve
 * mode's uploads and `marquee import`. Files are copied into a root's inbox (or a chosen folder
 * in a root) through a `.part` while hashing, fsynced, renamed without ever overwriting, and
 * become assets at once, queued first. Every import is recorded, so a stop or a crash leaves no
 * `.part` behind and the import resumes.
 */
export class ImportService {
  private readonly running = new Map<string, { ctx: RunContext; done: Promise<void> }>()
  private recovering: Promise<void> | undefined
  private closing = false
  private readonly copying: Slots
  /** Serve mode's tus uploads, into the imports running here. */
  readonly uploads: ImportUploads

  constructor(private readonly deps: ImportDeps) {
    this.uploads = new ImportUploads(deps, (id) => this.running.get(id)?.ctx)
    this.copying = new Slots(deps.copying)
  }

  /** Starts an import; dropped paths are planned in the background, uploads before answering. */
  async start(request: ImportRequest): Promise<{
    importId: string
    uploads?: Array<{ fileId: number; name: string }>
  }> {
    const sources = request.sources ?? []
    const uploads = request.uploads ?? []
    if ((sources.length === 0) === (uploads.length === 0))
      throw new AppError(
        'INVALID_ARGUMENT',
        'Give the files to import: paths, or uploads (one of the two).',
      )
    const { root, dir } = resolveTarget(
      this.deps.roots.list(),
      request.into,
      new Date(this.deps.now()),
    )
    const importId = randomUUID()
    const row: ImportRow = {
      id: importId,
      rootId: root.id,
      targetDir: dir,
      sources,
      onDuplicate: request.onDuplicate ?? 'skip',
      status: 'planning',
      error: null,
      errorCode: null,
    }
    this.deps.imports.create(row, this.deps.now())
    const ctx = this.context(row)
    if (uploads.length === 0) {
      // Threads take a moment to start: the copy lanes' start while the drop is planned.
      this.deps.files.warm(this.deps.copying)
      this.launch(ctx)
      return { importId }
    }
    try {
      await planUploads(ctx, this.deps, uploads)
    } catch (error) {
      this.failed(ctx, error)
      throw error
    }
    this.launch(ctx)
    const files = this.deps.imports.files(importId)
    return {
      importId,
      uploads: files
        .filter((f) => f.status === 'pending' && !isWaitingTwin(f))
        .map((f) => ({ fileId: f.id, name: f.source })),
    }
  }

  /** Cancels one file, or the whole import; what is already in place stays. */
  cancel(importId: string, fileId?: number): { cancelled: boolean } {
    const run = this.running.get(importId)
    if (!run) return { cancelled: false }
    const { ctx } = run
    if (fileId === undefined) {
      ctx.cancelled = true
      ctx.controller.abort(new AppError('CANCELLED', 'The import was cancelled.'))
      return { cancelled: true }
    }
    const copy = ctx.copies.get(fileId)
    if (copy) {
      copy.abort(new AppError('CANCELLED', 'Cancelled.'))
      return { cancelled: true }
    }
    const file = this.deps.imports.file(fileId)
    if (file?.importId !== importId || file.status !== 'pending') return { cancelled: false }
    this.deps.imports.markCancelled(fileId, this.deps.now())
    settle(ctx, this.deps, fileId, true)
    return { cancelled: true }
  }

  status(importId: string): ImportStatus {
    const row = this.deps.imports.get(importId)
    if (!row) throw new AppError('NOT_FOUND', `There is no import ${importId}.`)
    const rootPath = this.deps.roots.get(row.rootId).path
    const files = this.deps.imports.files(importId)
    const outcomes = files.map((f) => outcomeOf(f, rootPath)).filter((o) => o !== null)
    const run = this.running.get(importId)
    const snapshot = run?.ctx.progress.snapshot() ?? {
      importId,
      phase: PHASE_OF_STATUS[row.status],
      rootId: row.rootId,
      target: join(rootPath, row.targetDir),
      files: outcomes.length,
      totalFiles: files.length,
      bytes: files.filter((f) => f.status === 'imported').reduce((sum, f) => sum + f.size, 0),
      totalBytes: files.filter((f) => f.status !== 'duplicate').reduce((sum, f) => sum + f.size, 0),
      rate: 0,
      etaMs: null,
      current: [],
    }
    const error = row.error ? { error: row.error, code: row.errorCode as ApiError['code'] } : {}
    const waiting = files.filter((f) => !outcomeOf(f, rootPath))
    const pending = waiting.map((f) => ({
      fileId: f.id,
      source: f.source,
      name: f.relPath,
      size: f.size,
    }))
    const uploadsWaiting = waiting.filter((f) => f.kind === 'upload').length
    const result = resultOf(files, rootPath)
    return { ...snapshot, ...error, result, outcomes, pending, uploadsWaiting }
  }

  /** Every import running in this process, as `status` tells each. */
  runningNow(): ImportStatus[] {
    return [...this.running.keys()].map((importId) => this.status(importId))
  }

  /**
   * What a stopped or killed process left (only the library's owner runs this, at start): parts
   * of unfinished copies are removed, copies that were complete are put in place, and uploads
   * that were under way keep their parts for their page to resume them (within the grace
   * period). The imports then wait for resume().
   */
  recover(): Promise<void> {
    this.recovering ??= (async () => {
      for (const importId of this.deps.imports.unfinished()) {
        const row = this.deps.imports.get(importId)!
        await recoverFiles(this.context(row), this.deps).catch((error: unknown) =>
          this.deps.logger.warn(
            `import: recovering ${importId} failed; it is resumed later`,
            error,
          ),
        )
      }
    })()
    return this.recovering
  }

  /** Resumes the imports a stop or a crash interrupted (after recover()). */
  async resume(): Promise<{ importIds: string[] }> {
    await this.recover()
    const ids = this.deps.imports.unfinished().filter((id) => !this.running.has(id))
    for (const id of ids) this.launch(this.context(this.deps.imports.get(id)!))
    return { importIds: ids }
  }

  /** Resolves when this import has finished here (tests, the CLI in its own process). */
  async settled(importId: string): Promise<void> {
    await this.running.get(importId)?.done
  }

  /** Stops every copy between chunks (their parts are removed) and waits for them. */
  async close(): Promise<void> {
    this.closing = true
    for (const { ctx } of this.running.values()) {
      ctx.closing = true
      ctx.controller.abort(new AppError('CANCELLED', 'Marquee is closing.'))
    }
    await Promise.all([...this.running.values()].map((r) => r.done))
    await this.recovering?.catch(() => undefined)
    await this.deps.files.close()
  }

  private context(row: ImportRow): RunContext {
    const root = this.deps.roots.get(row.rootId)
    const target = join(root.path, row.targetDir)
    return {
      row,
      root,
      target,
      progress: new ImportProgressTracker(
        { importId: row.id, rootId: root.id, target },
        (p) => this.deps.events.emit('import.progress', p),
        this.deps.now,
      ),
      controller: new AbortController(),
      copying: this.copying,
      placing: new Map(),
      copies: new Map(),
      cancelled: false,
      closing: this.closing,
      stopRest: null,
      nudge: () => undefined,
    }
  }

  private launch(ctx: RunContext): void {
    const done = this.run(ctx).finally(() => {
      ctx.progress.close()
      this.uploads.forget(ctx.row.id)
      this.running.delete(ctx.row.id)
    })
    this.running.set(ctx.row.id, { ctx, done })
  }

  private async run(ctx: RunContext): Promise<void> {
    const { deps } = this
    const id = ctx.row.id
    try {
      if (deps.imports.get(id)!.status === 'planning') await planSources(ctx, deps)
      const files = deps.imports.files(id)
      const settledNow = files.map((f) => outcomeOf(f, ctx.root.path)).filter((o) => o !== null)
      const toCopy = files.filter((f) => f.status === 'pending' || f.status === 'copying')
      ctx.progress.copying(
        files.length,
        settledNow,
        toCopy.reduce((sum, f) => sum + f.size, 0),
      )
      await this.copyAll(
        ctx,
        toCopy.filter((f) => f.kind === 'path'),
      )
      await this.uploadsSettled(ctx)
      if (ctx.closing) return
      const rows = deps.imports.files(id)
      const end = ctx.cancelled ? 'cancelled' : 'done'
      deps.imports.setStatus(id, end, deps.now())
      ctx.progress.finish(end, { result: resultOf(rows, ctx.root.path) })
    } catch (error) {
      if (ctx.closing) return
      if (ctx.cancelled) {
        deps.imports.setStatus(id, 'cancelled', deps.now())
        ctx.progress.finish('cancelled', {
          result: resultOf(deps.imports.files(id), ctx.root.path),
        })
        return
      }
      this.failed(ctx, error)
    }
  }

  /** Copies the pending files, a few at a time. */
  private async copyAll(ctx: RunContext, files: ImportFileRow[]): Promise<void> {
    let next = 0
    const lane = async (): Promise<void> => {
      while (next < files.length) {
        const file = this.deps.imports.file(files[next++]!.id)!
        if (file.status !== 'pending') continue
        if (ctx.closing) return
        if (ctx.cancelled) {
          this.deps.imports.markCancelled(file.id, this.deps.now())
          settle(ctx, this.deps, file.id, true)
        } else if (ctx.stopRest) fail(ctx, this.deps, file, ctx.stopRest)
        else await copyFile(ctx, this.deps, file)
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.deps.lanes, files.length) }, lane))
  }

  /**
   * Uploads settle as their last bytes arrive (or are cancelled): wait until none is left. A
   * page that sends nothing for the grace period is gone: what it did not finish fails.
   */
  private async uploadsSettled(ctx: RunContext): Promise<void> {
    const grace = this.deps.uploadGraceMs ?? UPLOAD_GRACE_MS
    const open = (): boolean =>
      this.deps.imports
        .files(ctx.row.id)
        .some(
          (f) =>
            f.kind === 'upload' &&
            (f.status === 'pending' || f.status === 'copying' || f.status === 'committing'),
        )
    while (open() && !ctx.closing) {
      const before = this.uploads.activity(ctx.row.id)
      const quiet = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), grace)
        const woken = (): void => {
          clearTimeout(timer)
          resolve(false)
        }
        ctx.nudge = woken
        ctx.controller.signal.addEventListener('abort', woken, { once: true })
      })
      if (ctx.cancelled) await this.uploads.cancelAll(ctx)
      else if (quiet && !ctx.closing && this.uploads.activity(ctx.row.id) === before)
        await this.uploads.expire(ctx, grace)
    }
  }

  private failed(ctx: RunContext, error: unknown): void {
    const apiError: ApiError =
      error instanceof AppError
        ? { code: error.code, message: error.message }
        : {
            code: 'INTERNAL',
            message: `The import stopped unexpectedly: ${(error as Error)?.message ?? String(error)}.`,
          }
    if (!(error instanceof AppError)) this.deps.logger.error(`import ${ctx.row.id} failed`, error)
    this.deps.imports.setStatus(ctx.row.id, 'failed', this.deps.now(), apiError)
    ctx.progress.finish('failed', { error: apiError })
  }
}
