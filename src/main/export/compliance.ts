/**
 * Turns the export's own plan for an item (object-plan.ts) into what the playlist shows before
 * exporting: "plays as is", "will be remuxed", "will be transcoded: HEVC → H.264", "will be
 * converted: HEIC → JPEG", "cannot play: …", "not processed yet". Pure: no rule here decides
 * anything the planner does not.
 */
import type { AssetStatus } from '../../shared/domain'
import type { ComplianceOutcome, ComplianceReport, ItemCompliance } from '../../shared/profiles'
import { COMPLIANCE_OUTCOMES } from '../../shared/profiles'
import { IMAGE_NAMES } from './custom-profile'
import type { ObjectPlan } from './object-plan'
import { codecName } from './video-plan'

export type Verdict = Omit<ItemCompliance, 'itemId' | 'assetId'>

/** Items the planner cannot see yet, or never will. */
export function verdictForStatus(status: AssetStatus, error: string | null): Verdict | null {
  if (status === 'ready') return null
  if (status === 'failed') {
    return cannot(error ? `processing failed: ${error}` : 'processing failed')
  }
  if (status === 'missing') return cannot('the file is missing from its folder')
  return { outcome: 'pending', label: 'not processed yet', reasons: [] }
}

export function cannot(reason: string): Verdict {
  return { outcome: 'cannot', label: `cannot play: ${reason}`, reasons: [reason] }
}

/** `mime` and the size are the source's, to name what a conversion changes. */
export function verdictForPlan(
  plan: ObjectPlan,
  source: { mime: string | null; width: number | null; height: number | null },
): Verdict {
  switch (plan.kind) {
    case 'unplayable':
      return cannot(plan.reason)
    case 'copy':
      return { outcome: 'plays', label: 'plays as is', reasons: [] }
    case 'image': {
      const to = IMAGE_NAMES[plan.plan.format]
      const resized =
        source.width !== null &&
        source.height !== null &&
        (source.width !== plan.plan.width || source.height !== plan.plan.height)
      const reasons = resized
        ? [`${source.width}×${source.height} → ${plan.plan.width}×${plan.plan.height}`]
        : []
      return {
        outcome: 'converted',
        label: `will be converted: ${imageName(source.mime)} → ${to}`,
        reasons,
      }
    }
    case 'video': {
      const { handling, reasons } = plan.plan
      if (handling === 'copied') return { outcome: 'plays', label: 'plays as is', reasons: [] }
      if (handling === 'remuxed') return { outcome: 'remuxed', label: 'will be remuxed', reasons }
      const from = plan.facts.videoCodec ? codecName(plan.facts.videoCodec) : 'video'
      return { outcome: 'transcoded', label: `will be transcoded: ${from} → H.264`, reasons }
    }
  }
}

const IMAGE_MIMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'image/avif': 'AVIF',
  'image/gif': 'GIF',
  'image/tiff': 'TIFF',
  'image/bmp': 'BMP',
  'image/svg+xml': 'SVG',
}

function imageName(mime: string | null): string {
  if (mime === null) return 'image'
  return IMAGE_MIMES[mime] ?? mime.replace(/^image\/(x-)?/, '').toUpperCase()
}

const PHRASES: Record<ComplianceOutcome, [one: string, many: string]> = {
  plays: ['plays as is', 'play as is'],
  remuxed: ['will be remuxed', 'will be remuxed'],
  transcoded: ['will be transcoded', 'will be transcoded'],
  converted: ['will be converted', 'will be converted'],
  cannot: ['cannot play', 'cannot play'],
  pending: ['is not processed yet', 'are not processed yet'],
}

export function summarize(items: ItemCompliance[]): Pick<ComplianceReport, 'counts' | 'summary'> {
  const counts = Object.fromEntries(COMPLIANCE_OUTCOMES.map((o) => [o, 0])) as Record<
    ComplianceOutcome,
    number
  >
  for (const item of items) counts[item.outcome]++
  const parts = COMPLIANCE_OUTCOMES.filter((o) => counts[o] > 0).map(
    (o) => `${counts[o]} ${PHRASES[o][counts[o] === 1 ? 0 : 1]}`,
  )
  return { counts, summary: parts.length > 0 ? parts.join(', ') : 'nothing to play yet' }
}
