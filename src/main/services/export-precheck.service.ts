import { extname, isAbsolute, join, resolve } from 'node:path'
import type { ExportRequest } from '../../shared/contract'
import type { ExportPrecheck, RemovableDrive } from '../../shared/exports'
import { isFatType } from '../export/drives'
import { objectPath } from '../export/manifest'
import type { PlayerProfile } from '../export/profiles'
import { planImage } from '../export/video-plan'
import { FAT32_MAX_FILE, type BundleFilesRepository } from '../repositories/bundle-files.repository'
import type { DerivativesRepository } from '../repositories/derivatives.repository'
import type { DrivesRepository } from '../repositories/drives.repository'
import type { ProcessingAsset, ProcessingRepository } from '../repositories/processing.repository'
import type { AssetsService } from './assets.service'
import type { CollectionsService } from './collections.service'
import { resolveExportItems } from './export-items'
import type { ProfilesService } from './profiles.service'

/** Room kept for the manifest, SHA256SUMS, the player and the filesystem's own bookkeeping. */
export const MARGIN_BYTES = 16 * 1024 * 1024

export interface PrecheckDeps {
  assets: ProcessingRepository
  library: AssetsService
  collections: CollectionsService
  derivatives: DerivativesRepository
  files: BundleFilesRepository
  drives: DrivesRepository
  /** Built-in and custom player profiles. */
  profiles: Pick<ProfilesService, 'byId'>
}

/** An object the bundle will hold, as far as it is known before anything is converted. */
interface Expected {
  name: string
  /** Null while the rendition is not made yet: its hash (and so its place) is not known. */
  sha256: string | null
  ext: string
  size: number
  estimated: boolean
}

/**
 * What an export would need, before it starts and without writing anything: free space against
 * the bytes still to copy, the FAT32 4 GiB rule, and how many objects the destination already
 * holds ("12 of 40 objects already there"). Renditions already in the cache count with their
 * real size and hash; those still to be made are estimated from the original's size.
 */
export class ExportPrecheckService {
  constructor(private readonly deps: PrecheckDeps) {}

  /** Removable drives to offer as destinations. */
  drives(): Promise<RemovableDrive[]> {
    return this.deps.drives.removable()
  }

  async check(
    request: Pick<ExportRequest, 'source' | 'profile' | 'out' | 'keepAudio'>,
  ): Promise<ExportPrecheck> {
    const profile = this.deps.profiles.byId(request.profile)
    const dir = isAbsolute(request.out) ? request.out : resolve(request.out)
    const keepAudio = request.keepAudio ?? profile.keepAudio
    const items = resolveExportItems(request.source, this.deps)
    const problems: string[] = []
    // Items that cannot be exported (missing, failed, offline) are the playlist page's warning
    // and the export's refusal; the pre-check is about the destination.
    const ready = items.assetIds
      .map((id) => this.deps.assets.get(id))
      .filter((a): a is ProcessingAsset => a?.status === 'ready' && !!a.sha256)

    const expected = new Map<string, Expected>()
    for (const asset of ready) {
      const object = this.expect(asset, profile, keepAudio)
      expected.set(object.sha256 ?? `asset:${asset.id}`, object)
    }
    let present = 0
    let bytesNeeded = 0
    for (const object of expected.values()) {
      const there =
        object.sha256 !== null &&
        (await this.deps.files.sizeOf(join(dir, objectPath(object.sha256, object.ext)))) ===
          object.size
      if (there) present++
      else bytesNeeded += object.size
    }

    const destination = await this.deps.drives.destination(dir)
    const fat = isFatType(destination.fsType) || destination.fatMagic
    const tooBig = fat
      ? [...expected.values()]
          .filter((o) => o.size > FAT32_MAX_FILE)
          .map(({ name, size }) => ({ name, size }))
      : []
    for (const big of tooBig)
      problems.push(
        `${big.name} is ${gb(big.size)}, more than a FAT32 drive can hold in one file (4 GB). Format the drive as exFAT, or choose a smaller profile.`,
      )
    if (bytesNeeded + MARGIN_BYTES > destination.free)
      problems.push(
        `Not enough space: the bundle needs ${gb(bytesNeeded + MARGIN_BYTES)} more (with 16 MB kept for the manifest and the player) and ${gb(destination.free)} is free on that disk.`,
      )
    const manifest = await this.deps.files.sizeOf(join(dir, 'manifest.json'))
    return {
      dir,
      bundleThere: manifest !== null,
      objects: expected.size,
      present,
      bytesNeeded,
      estimated: [...expected.values()].some((o) => o.estimated),
      free: destination.free,
      fsType: destination.fsType,
      fat,
      tooBig,
      problems,
    }
  }

  /** The object an asset becomes: a cached rendition, the original itself, or an estimate. */
  private expect(asset: ProcessingAsset, profile: PlayerProfile, keepAudio: boolean): Expected {
    const name = asset.name
    if (asset.type === 'image') {
      const plan = planImage(asset.width ?? 1, asset.height ?? 1, profile)
      const ext = plan.format === 'jpeg' ? 'jpg' : 'webp'
      return this.rendition(asset, `export:${profile.id}`, ext) ?? estimate(asset, ext)
    }
    if (asset.type === 'video') {
      const variant = `export:${profile.id}:${keepAudio ? 'audio' : 'silent'}`
      // A compliant video goes as it is, under its own hash: counted as there when it is.
      return (
        this.rendition(asset, variant, 'mp4') ?? {
          name,
          sha256: asset.sha256,
          ext: 'mp4',
          size: asset.size,
          estimated: true,
        }
      )
    }
    const ext = extname(name).slice(1).toLowerCase() || 'bin'
    return { name, sha256: asset.sha256, ext, size: asset.size, estimated: false }
  }

  private rendition(asset: ProcessingAsset, variant: string, ext: string): Expected | null {
    const known = this.deps.derivatives.one(asset.sha256!, variant)
    if (!known?.contentSha256) return null
    return {
      name: asset.name,
      sha256: known.contentSha256,
      ext,
      size: known.bytes,
      estimated: false,
    }
  }
}

function estimate(asset: ProcessingAsset, ext: string): Expected {
  return { name: asset.name, sha256: null, ext, size: asset.size, estimated: true }
}

function gb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${Math.ceil(bytes / 1e6)} MB`
}
