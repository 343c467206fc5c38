import { createHash, randomUUID } from 'node:crypto'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import type { BundleRecord, BundleVerification } from '../../shared/domain'
import { APP_NAME } from '../../shared/domain'
import type {
  ExportProgress,
  ExportRequest,
  ExportResult,
  RunningExport,
} from '../../shared/contract'
import { AppError, isOutOfSpace } from '../errors'
import type { EventBus } from '../events'
import {
  buildManifest,
  objectPath,
  validateManifest,
  type BundleManifest,
} from '../export/manifest'
import { playerFiles } from '../export/player-files'
import { formatSha256Sums } from '../export/sha256sums'
import type { Logger } from '../logger'
import { FAT32_MAX_FILE, type BundleFilesRepository } from '../repositories/bundle-files.repository'
import type { BundlesRepository } from '../repositories/bundles.repository'
import type { ProcessingAsset, ProcessingRepository } from '../repositories/processing.repository'
import { refuseUnsafe } from './export-guards'
import { prepareObject, type MediaObject, type PrepareDeps } from './export-objects'
import { manifestEntry, resolveExportItems } from './export-items'
import { prepareWidgets, referenceWidgetMedia, type WidgetSource } from './export-widgets'
import { trailingThrottle } from './progress-trailing'
import type { CollectionsService } from './collections.service'
import type { AssetsService } from './assets.service'
import type { BundleHistoryService } from './bundle-history.service'
import type { DrivesRepository } from '../repositories/drives.repository'
import { isFatType } from '../export/drives'
import type { ProfilesService } from './profiles.service'

const MARGIN_BYTES = 16 * 1024 * 1024
/** Objects under way at once: two copying (BundleFilesRepository), two being written out. */
const COPY_CONCURRENCY = 4
/** export.progress events: about four a second. */
const PROGRESS_INTERVAL_MS = 250

/**
 * Runs `work` over `items`, at most `limit` at once. The first failure stops the other lanes
 * (through the signal they are given) and rejects once every lane has stopped, so nothing is
 * still writing when the caller cleans up.
 */
async function inParallel<T>(
  items: T[],
  limit: number,
  signal: AbortSignal,
  work: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const stop = new AbortController()
  const lanesSignal = AbortSignal.any([signal, stop.signal])
  let next = 0
  let failure: { error: unknown } | undefined
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !failure) {
      try {
        await work(items[next++]!, lanesSignal)
      } catch (error) {
        if (!failure) {
          failure = { error }
          stop.abort(error)
        }
      }
    }
  })
  await Promise.all(lanes)
  if (failure) throw failure.error
}

export interface ExportDeps extends PrepareDeps {
  assets: ProcessingRepository
  library: AssetsService
  collections: CollectionsService
  files: BundleFilesRepository
  bundles: BundlesRepository
  events: EventBus
  logger: Logger
  /** Records the playlists each bundle was made from, for "outdated" in the history. */
  history?: BundleHistoryService
  /** The mount table's filesystem type, so FAT is known even where statfs cannot tell. */
  drives?: DrivesRepository
  /** Built-in and custom player profiles. */
  profiles: Pick<ProfilesService, 'byId'>
  /** Integration snapshots for integration items; without it such items cannot be exported. */
  widgets?: WidgetSource
}

/** What the copy loop needs of an object: media renditions and widget images alike. */
type CopyObject = Pick<MediaObject, 'name' | 'sha256' | 'ext' | 'size' | 'file'>

/**
 * Exports media to a bundle folder a player can use offline (docs/bundle-format.md): renditions
 * per the player profile, durable content-addressed copies, SHA256SUMS, and the manifest last.
 */
export class ExportService {
  private readonly running = new Map<string, AbortController>()
  /** What each running export is of, and the last progress sent: a reloaded window asks. */
  private readonly shown = new Map<string, RunningExport>()

  constructor(private readonly deps: ExportDeps) {}

  /** Starts an export in the background; progress and the result arrive as export.progress. */
  start(request: ExportRequest): { exportId: string } {
    const exportId = randomUUID()
    void this.run(request, exportId).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      this.emit({
        exportId,
        phase: 'failed',
        files: 0,
        totalFiles: 0,
        bytes: 0,
        totalBytes: 0,
        rate: 0,
        etaMs: null,
        error: message,
        code: error instanceof AppError ? error.code : 'INTERNAL',
      })
    })
    return { exportId }
  }

  /** The exports under way now, each with its latest progress. */
  runningNow(): RunningExport[] {
    return [...this.shown.values()]
  }

  cancel(exportId: string): { cancelled: boolean } {
    const controller = this.running.get(exportId)
    controller?.abort(new AppError('CANCELLED', 'The export was cancelled.'))
    return { cancelled: controller !== undefined }
  }

  list(): BundleRecord[] {
    return this.deps.bundles.list()
  }

  /** Verifies a bundle folder on its own; a relative path is taken from the core's folder. */
  verify(dir: string): Promise<BundleVerification> {
    return this.deps.files.verify(isAbsolute(dir) ? dir : resolve(dir))
  }

  async run(
    request: ExportRequest,
    exportId: string = randomUUID(),
    onProgress?: (p: ExportProgress) => void,
  ): Promise<ExportResult> {
    const controller = new AbortController()
    this.running.set(exportId, controller)
    this.shown.set(exportId, { exportId, source: request.source, progress: null })
    const signal = controller.signal
    const started = this.deps.now()
    // The renderer gets a few events a second; the CLI's own callback sees every tick.
    const events = trailingThrottle<ExportProgress>(PROGRESS_INTERVAL_MS, this.deps.now, (p) =>
      this.emit(p),
    )
    const report = (p: Omit<ExportProgress, 'exportId' | 'rate' | 'etaMs'>): void => {
      const seconds = (this.deps.now() - started) / 1000
      const rate = seconds > 0 ? p.bytes / seconds : 0
      const etaMs =
        rate > 0 && p.totalBytes > p.bytes
          ? Math.round(((p.totalBytes - p.bytes) / rate) * 1000)
          : null
      const progress: ExportProgress = { exportId, rate: Math.round(rate), etaMs, ...p }
      onProgress?.(progress)
      events.report(progress)
    }
    try {
      const profile = this.deps.profiles.byId(request.profile)
      const dir = isAbsolute(request.out) ? request.out : resolve(request.out)
      const keepAudio = request.keepAudio ?? profile.keepAudio
      const items = resolveExportItems(request.source, this.deps)
      // Taken now: an edit made while the export runs is not in the bundle, so it makes it outdated.
      const snapshot = this.deps.history?.snapshot(request.source) ?? []
      const assets = this.readyAssets(items.assetIds)

      const objects = new Map<number, MediaObject>()
      for (const asset of assets) {
        signal.throwIfAborted()
        report({
          phase: 'preparing',
          files: objects.size,
          totalFiles: assets.length,
          bytes: 0,
          totalBytes: 0,
          current: asset.name,
        })
        try {
          objects.set(asset.id, await prepareObject(asset, profile, keepAudio, this.deps, signal))
        } catch (error) {
          if (!isOutOfSpace(error)) throw error
          // Renditions are made in the cache, on the data folder's disk, not on the destination.
          throw new AppError(
            'NO_SPACE',
            `The disk that holds Marquee's data folder (${dirname(this.deps.cacheDir)}) is full: there is no room in its cache to convert ${asset.name} for the player. Free some space on that disk and export again — nothing was copied to ${dir}.`,
          )
        }
      }
      const widgets = await prepareWidgets(items.integrationIds, this.deps, signal)
      const copies: CopyObject[] = [...objects.values(), ...widgets.flatMap((w) => w.objects)]
      const unique = [...new Map(copies.map((o) => [o.sha256, o])).values()]
      const totalBytes = unique.reduce((sum, o) => sum + o.size, 0)

      const previous = await this.previousManifest(dir)
      const plan = await this.planCopies(dir, unique, request.verify === true, signal)
      await this.checkSpace(dir, plan.toCopy)

      let bytes = 0
      let files = 0
      const tick = (n: number, current?: string): void => {
        bytes += n
        report({ phase: 'copying', files, totalFiles: unique.length, bytes, totalBytes, current })
      }
      for (const object of plan.present) tick(object.size)
      files = plan.present.length
      const copied = new Set<CopyObject>()
      // The destination can fill while we copy (another program writing to the same stick):
      // say so in a sentence, and leave it resumable.
      const onDestination = async (work: () => Promise<void>): Promise<void> => {
        try {
          await work()
        } catch (error) {
          if (!isOutOfSpace(error)) throw error
          const missing = plan.toCopy.filter((o) => !copied.has(o))
          throw await this.destinationFull(dir, files, unique.length, missing)
        }
      }
      await onDestination(() =>
        inParallel(plan.toCopy, COPY_CONCURRENCY, signal, async (object, laneSignal) => {
          laneSignal.throwIfAborted()
          const target = join(dir, objectPath(object.sha256, object.ext))
          const part = join(dir, '.staging', `${object.sha256}.${object.ext}.part`)
          const ok = await this.deps.files.copyDurably(
            object.file,
            part,
            target,
            object.sha256,
            laneSignal,
            (n) => tick(n, object.name),
          )
          if (!ok) {
            throw new AppError(
              'CONFLICT',
              `${object.name} changed since Marquee last read it. Rescan its folder, then export again.`,
            )
          }
          copied.add(object)
          files++
        }),
      )
      // With --verify, objects already there were hashed by planCopies; re-read the new ones.
      if (request.verify) {
        const copiedBytes = plan.toCopy.reduce((sum, o) => sum + o.size, 0)
        await this.verifyObjects(dir, plan.toCopy, signal, (n, done) =>
          report({
            phase: 'verifying',
            files: done,
            totalFiles: plan.toCopy.length,
            bytes: n,
            totalBytes: copiedBytes,
            current: plan.toCopy[Math.min(done, plan.toCopy.length - 1)]?.name,
          }),
        )
      }

      report({ phase: 'writing', files, totalFiles: unique.length, bytes, totalBytes })
      const bundleId = randomUUID()
      const manifest = buildManifest({
        bundleId,
        parentBundleId: previous?.bundleId ?? null,
        name: request.name?.trim() || items.name,
        createdAt: this.deps.now(),
        generator: { name: APP_NAME, version: __MARQUEE_VERSION__ },
        profile,
        playlists: items.playlists.map((p) => ({
          id: p.id,
          name: p.name,
          items: p.items.map((i) => manifestEntry(i, objects)),
        })),
        keepAudio,
        media: [...objects.values()].map((o) => ({
          id: o.assetId,
          name: o.name,
          type: o.type as 'image' | 'video' | 'audio' | 'document',
          mime: o.mime,
          size: o.size,
          sha256: o.sha256,
          ext: o.ext,
          width: o.width,
          height: o.height,
          durationMs: o.durationMs,
          facts: o.facts,
          handling: o.handling,
          source: o.source,
        })),
        widgets: widgets.map((w) => w.entry),
      })
      const valid = validateManifest(manifest)
      if (!valid.ok)
        throw new Error(`Marquee built an invalid manifest: ${valid.errors.join('; ')}`)
      const player = playerFiles(
        manifest,
        widgets.map((w) => w.document),
      )
      const carried = [
        ...widgets.map((w) => ({ path: w.entry.file, content: w.content })),
        ...player,
      ]
      const sums = formatSha256Sums([
        ...unique.map((o) => ({ sha256: o.sha256, path: objectPath(o.sha256, o.ext) })),
        ...carried.map((f) => ({ sha256: sha256Text(f.content), path: f.path })),
      ])
      await onDestination(async () => {
        // The player before SHA256SUMS and the manifest, so the commit point covers it too.
        for (const file of carried) {
          const [folder, name] = [dirname(join(dir, file.path)), basename(file.path)]
          await this.deps.files.writeAtomically(folder, name, file.content)
        }
        await this.deps.files.writeAtomically(dir, 'SHA256SUMS', sums)
        await this.deps.files.writeAtomically(
          dir,
          'manifest.json',
          `${JSON.stringify(manifest, null, 2)}\n`,
        )
      })
      await this.deps.files.removeFolder(join(dir, '.staging'))

      const result: ExportResult = {
        bundleId,
        dir,
        objects: unique.length,
        copied: plan.toCopy.length,
        skipped: plan.present.length,
        transcoded: [...new Map([...objects.values()].map((o) => [o.sha256, o])).values()].filter(
          (o) => o.handling !== 'copied',
        ).length,
        bytes: totalBytes,
        durationMs: this.deps.now() - started,
        verified: request.verify === true,
      }
      this.deps.bundles.record(
        {
          ...result,
          parentBundleId: manifest.parentBundleId,
          name: manifest.name,
          profile: profile.id,
          createdAt: started,
        },
        [...objects.values()].map((o) => ({ assetId: o.assetId, sha256: o.sha256 })),
      )
      this.deps.history?.record(bundleId, snapshot)
      // Only a playlist export names a playlist that keeps the snapshot's images referenced.
      const playlistId = request.source.playlist !== undefined ? items.playlists[0]!.id : null
      referenceWidgetMedia(this.deps.widgets, bundleId, playlistId, widgets)
      report({
        phase: 'done',
        files: unique.length,
        totalFiles: unique.length,
        bytes: totalBytes,
        totalBytes,
        result,
      })
      return result
    } finally {
      events.stop()
      this.running.delete(exportId)
      this.shown.delete(exportId)
    }
  }

  private readyAssets(ids: number[]): ProcessingAsset[] {
    const assets = ids.map((id) => this.deps.assets.get(id))
    refuseUnsafe(assets)
    const notReady = assets.filter((a) => !a || a.status !== 'ready' || !a.sha256)
    if (notReady.length > 0) {
      const named = notReady
        .slice(0, 5)
        .map((a) => (a ? `${a.name} (${a.status})` : 'an asset that no longer exists'))
      throw new AppError(
        'INVALID_ARGUMENT',
        `${notReady.length} of ${ids.length} items cannot be exported yet: ${named.join(', ')}${notReady.length > 5 ? ', …' : ''}. ` +
          `Process them first ('marquee index --wait'), or take them out.`,
      )
    }
    const offline = assets.filter((a) => a!.rootStatus === 'offline')
    if (offline.length > 0) {
      throw new AppError(
        'UNAVAILABLE',
        `${offline.length} items are on a library folder that is offline (${offline[0]!.rootPath}). Connect it and export again.`,
      )
    }
    return assets as ProcessingAsset[]
  }

  private async previousManifest(dir: string): Promise<BundleManifest | null> {
    const text = await this.deps.files.readText(join(dir, 'manifest.json'))
    if (!text) return null
    try {
      const checked = validateManifest(JSON.parse(text))
      return checked.ok ? checked.manifest : null
    } catch {
      return null
    }
  }

  /** Objects already in the bundle with the right size are kept (and hashed with --verify). */
  private async planCopies(
    dir: string,
    objects: CopyObject[],
    verify: boolean,
    signal: AbortSignal,
  ) {
    const present: CopyObject[] = []
    const toCopy: CopyObject[] = []
    for (const object of objects) {
      const target = join(dir, objectPath(object.sha256, object.ext))
      const size = await this.deps.files.sizeOf(target)
      const intact =
        size === object.size &&
        (!verify || (await this.deps.files.hashFile(target, signal)) === object.sha256)
      ;(intact ? present : toCopy).push(object)
    }
    return { present, toCopy }
  }

  private async checkSpace(dir: string, toCopy: CopyObject[]): Promise<void> {
    const space = await this.deps.files.space(dir)
    const free = space.free
    const fsType = (await this.deps.drives?.destination(dir))?.fsType
    if (space.fat || isFatType(fsType)) {
      const big = toCopy.find((o) => o.size > FAT32_MAX_FILE)
      if (big)
        throw new AppError(
          'NO_SPACE',
          `${big.name} is ${gb(big.size)}, more than a FAT32 drive can hold in one file (4 GB). Format the drive as exFAT, or export a smaller profile.`,
        )
    }
    let needed = MARGIN_BYTES
    for (const o of toCopy) {
      const part =
        (await this.deps.files.sizeOf(join(dir, '.staging', `${o.sha256}.${o.ext}.part`))) ?? 0
      needed += o.size - Math.min(part, o.size)
    }
    if (needed > free) {
      throw new AppError(
        'NO_SPACE',
        `Not enough space in ${dir}: the bundle needs ${gb(needed)} more, and ${gb(free)} is free. Nothing was copied.`,
      )
    }
  }

  /**
   * The error for a destination that filled up during the copy. Unfinished parts are removed
   * first, so their space is free again and counted; finished objects stay for the next export.
   */
  private async destinationFull(
    dir: string,
    placed: number,
    total: number,
    missing: CopyObject[],
  ): Promise<AppError> {
    await this.deps.files
      .removeFolder(join(dir, '.staging'))
      .catch((error: unknown) => this.deps.logger.warn(`Could not remove ${dir}/.staging`, error))
    const needed = MARGIN_BYTES + missing.reduce((sum, o) => sum + o.size, 0)
    const free = await this.deps.files.space(dir).then(
      (s) => s.free,
      () => 0,
    )
    const advice =
      needed > free
        ? `free at least ${gb(needed - free)} there and export again`
        : 'there is room again now, so export again'
    return new AppError(
      'NO_SPACE',
      `The destination (${dir}) is full: ${placed} of ${total} objects were copied; ${advice} — what was copied is kept.`,
    )
  }

  private async verifyObjects(
    dir: string,
    objects: CopyObject[],
    signal: AbortSignal,
    progress: (bytes: number, done: number) => void,
  ): Promise<void> {
    let bytes = 0
    let done = 0
    for (const o of objects) {
      const actual = await this.deps.files.hashFile(
        join(dir, objectPath(o.sha256, o.ext)),
        signal,
        (n) => {
          bytes += n
          progress(bytes, done)
        },
      )
      if (actual !== o.sha256)
        throw new AppError(
          'CONFLICT',
          `${o.name} was damaged while it was written to ${dir}: its bytes do not match. Export again.`,
        )
      done++
    }
  }

  private emit(progress: ExportProgress): void {
    const shown = this.shown.get(progress.exportId)
    if (shown) shown.progress = progress
    this.deps.events.emit('export.progress', progress)
  }
}

function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

function gb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${Math.ceil(bytes / 1e6)} MB`
}
