import { createHash, type Hash } from 'node:crypto'
import type { Readable } from 'node:stream'
import { AppError, isOutOfSpace } from '../errors'
import type { ImportFileRow } from '../repositories/imports.repository'
import { fail, partOf, place, settle } from './import-copy'
import type { ImportDeps, RunContext } from './import-run'
import { claimMismatch, isWaitingTwin } from './import-upload-claims'

interface UploadState {
  hash: Hash
  offset: number
}

/** Where an upload stands, for the tus server's HEAD and PATCH. */
export interface UploadInfo {
  offset: number
  size: number
}

/**
 * Serve mode's uploads (tus) feed the same pipeline as dropped paths: each file of an import
 * planned with `uploads` streams into its `.part`, hashed as it arrives; resumed PATCHes
 * continue the hash; when the last byte is in, the part is fsynced, checked for duplicates,
 * placed and recorded exactly as a copied one.
 */
export class ImportUploads {
  private readonly state = new Map<number, UploadState>()
  /** Counts each import's upload requests and bytes: a page still at work moves it. */
  private readonly ticks = new Map<string, number>()

  constructor(
    private readonly deps: ImportDeps,
    private readonly contextOf: (importId: string) => RunContext | undefined,
  ) {}

  /** tus creation: the file must be one of the import's planned uploads, of the planned size. */
  async create(importId: string, fileId: number, size: number): Promise<UploadInfo> {
    const { ctx, file } = this.find(importId, fileId, ['pending'])
    if (isWaitingTwin(file))
      throw new AppError('CONFLICT', `${file.relPath} waits for its twin in the drop.`)
    if (file.size !== size)
      throw new AppError(
        'INVALID_ARGUMENT',
        `${file.relPath} is ${size} bytes, not the ${file.size} announced.`,
      )
    if (ctx.stopRest) {
      fail(ctx, this.deps, file, ctx.stopRest)
      throw new AppError('NO_SPACE', ctx.stopRest)
    }
    const part = partOf(ctx, file)
    await this.deps.parts.create(part)
    this.deps.imports.markCopying(file.id, part, this.deps.now())
    this.state.set(file.id, { hash: createHash('sha256'), offset: 0 })
    ctx.progress.begin({ fileId: file.id, source: file.source, name: file.relPath, size })
    return { offset: 0, size }
  }

  /** How much of it is in (all of it once placed, or skipped as a duplicate). */
  info(importId: string, fileId: number): UploadInfo {
    const file = this.deps.imports.file(fileId)
    if (!file || file.importId !== importId || file.kind !== 'upload')
      throw new AppError('NOT_FOUND', 'There is no such upload.')
    this.touch(importId)
    const done = file.status !== 'pending' && file.status !== 'copying'
    return { offset: done ? file.size : (this.state.get(fileId)?.offset ?? 0), size: file.size }
  }

  /** A number that moves while the page uploads to this import (the grace period's clock). */
  activity(importId: string): number {
    return this.ticks.get(importId) ?? 0
  }

  /** tus PATCH: the body goes onto the part at `offset`; the last byte places the file. */
  async write(importId: string, fileId: number, body: Readable, offset: number): Promise<number> {
    const { ctx, file } = this.find(importId, fileId, ['copying'])
    const part = file.part!
    let state = this.state.get(fileId)
    if (!state || state.offset !== offset) {
      // Not where this process left it: hash what the part holds up to there again.
      state = { hash: createHash('sha256'), offset }
      await this.deps.parts.digestOf(part, offset, state.hash)
      this.state.set(fileId, state)
    }
    try {
      const before = state.offset
      state.offset = await this.deps.parts.append(part, offset, body, state.hash, (n) => {
        this.touch(importId)
        ctx.progress.advance(fileId, n)
      })
      if (state.offset > file.size)
        throw new AppError('INVALID_ARGUMENT', 'More bytes than announced.')
      if (state.offset < file.size || state.offset === before) return state.offset
      await this.finish(ctx, file, part, state.hash.digest('hex'))
      return state.offset
    } catch (error) {
      await this.abandon(ctx, file, part, error)
      throw error
    } finally {
      if (this.deps.imports.file(fileId)?.status !== 'copying') this.state.delete(fileId)
    }
  }

  /** tus termination: the browser cancelled this file. */
  async remove(importId: string, fileId: number): Promise<void> {
    const { ctx, file } = this.find(importId, fileId, ['pending', 'copying'])
    if (file.part) await this.deps.parts.remove(file.part)
    this.state.delete(fileId)
    this.deps.imports.markCancelled(fileId, this.deps.now())
    settle(ctx, this.deps, fileId, true)
  }

  /** Uploads still under way when the whole import is cancelled lose their parts. */
  async cancelAll(ctx: RunContext): Promise<void> {
    for (const f of this.unarrived(ctx)) {
      if (f.part) await this.deps.parts.remove(f.part)
      this.state.delete(f.id)
      this.deps.imports.markCancelled(f.id, this.deps.now())
      settle(ctx, this.deps, f.id, true)
    }
  }

  /**
   * The page went away (closed, or lost Marquee for the whole grace period): the files it did
   * not finish fail with a sentence and their parts go (docs/decisions.md, "Imports").
   */
  async expire(ctx: RunContext, graceMs: number): Promise<void> {
    const minutes = Math.max(1, Math.round(graceMs / 60_000))
    for (const f of this.unarrived(ctx)) {
      if (f.part) await this.deps.parts.remove(f.part)
      this.state.delete(f.id)
      this.deps.imports.markFailed(
        f.id,
        `${f.relPath} did not arrive: the page uploading it was closed, or could not reach Marquee for ${minutes} minute${minutes === 1 ? '' : 's'}. Drop it again.`,
        this.deps.now(),
      )
      settle(ctx, this.deps, f.id, true)
    }
  }

  /** Upload rows not settled yet, read one by one (settling one can settle its twins). */
  private *unarrived(ctx: RunContext): Generator<ImportFileRow> {
    for (const { id } of this.deps.imports.files(ctx.row.id)) {
      const f = this.deps.imports.file(id)!
      if (f.kind === 'upload' && (f.status === 'pending' || f.status === 'copying')) yield f
    }
  }

  /** The import is over here (ended, or Marquee closing). */
  forget(importId: string): void {
    this.ticks.delete(importId)
  }

  private touch(importId: string): void {
    this.ticks.set(importId, (this.ticks.get(importId) ?? 0) + 1)
  }

  private async finish(ctx: RunContext, file: ImportFileRow, part: string, sha256: string) {
    if (file.sha256 && file.sha256 !== sha256) {
      await this.deps.parts.remove(part)
      return fail(ctx, this.deps, file, claimMismatch(file.relPath, file.sha256, sha256))
    }
    const network = ctx.root.kind === 'network'
    const done = await this.deps.parts.finish(part, file.mtimeMs, network)
    if (done.readBack !== null && done.readBack !== sha256) {
      await this.deps.parts.remove(part)
      return fail(
        ctx,
        this.deps,
        file,
        `${file.relPath} did not read back as it was written to ${ctx.target}: the share may be unreliable. Nothing was kept; drop it again.`,
      )
    }
    await place(ctx, this.deps, file, part, {
      sha256,
      fingerprint: done.fingerprint,
      partInode: done.partInode,
      size: done.size,
      mtimeMs: Math.trunc(file.mtimeMs),
    })
  }

  /** A write that failed for good (a full disk): the file fails, its part goes. */
  private async abandon(ctx: RunContext, file: ImportFileRow, part: string, error: unknown) {
    if (!isOutOfSpace(error) && !(error instanceof AppError)) return
    await this.deps.parts.remove(part).catch(() => undefined)
    this.state.delete(file.id)
    if (isOutOfSpace(error))
      ctx.stopRest = `Not copied: ${ctx.target} filled up during the import. Free some space there and drop it again.`
    fail(
      ctx,
      this.deps,
      file,
      isOutOfSpace(error)
        ? `${ctx.target} filled up while ${file.relPath} was being uploaded: its partial copy was removed. Free some space there and drop it again.`
        : (error as AppError).message,
    )
  }

  private find(importId: string, fileId: number, states: ImportFileRow['status'][]) {
    const ctx = this.contextOf(importId)
    const file = this.deps.imports.file(fileId)
    if (!ctx || !file || file.importId !== importId || file.kind !== 'upload')
      throw new AppError('NOT_FOUND', 'There is no such upload (its import is over).')
    this.touch(importId)
    if (!states.includes(file.status))
      throw new AppError('CONFLICT', `${file.relPath} is ${file.status} already.`)
    return { ctx, file }
  }
}
