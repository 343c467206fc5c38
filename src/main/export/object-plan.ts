/**
 * What an export does with one asset for a player profile, decided once for both the exporter
 * (export-objects.ts, which then makes the rendition) and the compliance check (compliance.ts,
 * which only reports it). Pure: the caller reads the facts (stored ffprobe output, the MP4's box
 * layout), so a check over a long playlist costs no decoding.
 */
import type { AssetType } from '../../shared/domain'
import { parseFfprobe, type VideoFacts } from '../media/ffprobe-facts'
import type { ImageFormat, PlayerProfile } from './profiles'
import { planImage, planVideo, sourceFacts, type ImagePlan, type VideoPlan } from './video-plan'

export type ObjectPlan =
  | { kind: 'image'; plan: ImagePlan }
  | { kind: 'video'; plan: VideoPlan; facts: VideoFacts }
  /** Audio and documents go into the bundle as they are. */
  | { kind: 'copy' }
  | { kind: 'unplayable'; reason: string }

export interface PlannedAsset {
  name: string
  type: AssetType
  width: number | null
  height: number | null
}

/** For videos: ffprobe's JSON and whether the index (moov) comes first. */
export interface VideoInputs {
  probe: unknown
  faststart: boolean
}

export function planObject(
  asset: PlannedAsset,
  profile: PlayerProfile,
  keepAudio: boolean,
  video: VideoInputs | null,
): ObjectPlan {
  if (asset.type === 'image') {
    return { kind: 'image', plan: planImage(asset.width ?? 1, asset.height ?? 1, profile) }
  }
  if (asset.type === 'video') {
    if (!video) throw new RangeError('planObject needs the facts of a video.')
    const facts = parseFfprobe(video.probe)
    if (!facts.hasVideo) {
      return { kind: 'unplayable', reason: `${asset.name} has no picture: no video stream.` }
    }
    const plan = planVideo(facts, sourceFacts(video.probe, video.faststart), profile, keepAudio)
    return { kind: 'video', plan, facts }
  }
  if (asset.type === 'audio' || asset.type === 'document') return { kind: 'copy' }
  return { kind: 'unplayable', reason: `${asset.name} is not media a player can show.` }
}

export function imageMime(format: ImageFormat): string {
  return format === 'jpeg' ? 'image/jpeg' : format === 'png' ? 'image/png' : 'image/webp'
}

export function imageExt(format: ImageFormat): string {
  return format === 'jpeg' ? 'jpg' : format
}
