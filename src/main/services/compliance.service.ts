import { join } from 'node:path'
import type { CollectionItem } from '../../shared/domain'
import type { ComplianceReport, ItemCompliance } from '../../shared/profiles'
import { AppError } from '../errors'
import {
  cannot,
  summarize,
  verdictForPlan,
  verdictForStatus,
  type Verdict,
} from '../export/compliance'
import { planObject, type VideoInputs } from '../export/object-plan'
import type { PlayerProfile } from '../export/profiles'
import type { CollectionsRepository } from '../repositories/collections.repository'
import type { FfmpegRepository } from '../repositories/ffmpeg.repository'
import type { ProcessingAsset, ProcessingRepository } from '../repositories/processing.repository'
import type { RenditionsRepository } from '../repositories/renditions.repository'
import type { CollectionsService } from './collections.service'
import { storedProbe } from './export-objects'
import type { ProfilesService } from './profiles.service'

export interface ComplianceDeps {
  collectionRows: Pick<CollectionsRepository, 'byId'>
  collections: CollectionsService
  assets: Pick<ProcessingRepository, 'get'>
  renditions: Pick<RenditionsRepository, 'isFaststart'>
  ffmpeg: () => Pick<FfmpegRepository, 'probe'>
  profiles: ProfilesService
}

/**
 * What each item of a collection becomes in a bundle for a profile, before exporting: the
 * export's own planner (object-plan.ts) run on the facts stored at processing time. The two
 * facts not stored — a video's box layout, and ffprobe's output for assets processed before it
 * was kept — are read once per content hash and remembered: the content never changes under
 * its hash.
 */
export class ComplianceService {
  private readonly videoFacts = new Map<string, VideoInputs>()

  constructor(private readonly deps: ComplianceDeps) {}

  async check(collectionId: number, profileId?: string): Promise<ComplianceReport> {
    const row = this.deps.collectionRows.byId(collectionId)
    if (!row) throw new AppError('NOT_FOUND', `There is no collection with id ${collectionId}.`)
    const profile =
      profileId !== undefined
        ? this.deps.profiles.byId(profileId)
        : this.deps.profiles.profileOf(collectionId)
    const detail = this.deps.collections.get(row.kind, row.name)
    // A playlist may hold an asset many times: one verdict each.
    const verdicts = new Map<number, Verdict>()
    const items: ItemCompliance[] = []
    for (const item of detail.items) {
      // Web pages and integration snapshots are not media files: no profile applies to them.
      if (item.assetId === null) continue
      let verdict = verdicts.get(item.assetId)
      if (!verdict) {
        verdict = await this.verdict(item, profile)
        verdicts.set(item.assetId, verdict)
      }
      items.push({ itemId: item.id, assetId: item.assetId, ...verdict })
    }
    return {
      collectionId,
      profile: profile.id,
      profileLabel: profile.label,
      items,
      ...summarize(items),
    }
  }

  private async verdict(item: CollectionItem, profile: PlayerProfile): Promise<Verdict> {
    const early = verdictForStatus(item.status, item.error)
    if (early) return early
    const asset = item.assetId === null ? undefined : this.deps.assets.get(item.assetId)
    if (!asset?.sha256) return { outcome: 'pending', label: 'not processed yet', reasons: [] }
    try {
      const video = asset.type === 'video' ? await this.videoInputs(asset) : null
      // keepAudio: the profile's own choice, as an export that does not override it.
      const plan = planObject(asset, profile, profile.keepAudio, video)
      return verdictForPlan(plan, asset)
    } catch (error) {
      return cannot(error instanceof Error ? error.message : String(error))
    }
  }

  private async videoInputs(asset: ProcessingAsset): Promise<VideoInputs> {
    const known = this.videoFacts.get(asset.sha256!)
    if (known) return known
    const original = join(asset.rootPath, asset.dir, asset.name)
    const probe = storedProbe(asset) ?? (await this.deps.ffmpeg().probe(original, 30_000))
    try {
      const inputs = { probe, faststart: await this.deps.renditions.isFaststart(original) }
      this.videoFacts.set(asset.sha256!, inputs)
      return inputs
    } catch {
      // Unreadable now (its NAS is offline): the export reads it as "not faststart" too, but
      // that is not remembered, so the answer is right once the file is back.
      return { probe, faststart: false }
    }
  }
}
