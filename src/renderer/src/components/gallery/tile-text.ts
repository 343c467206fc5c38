import type { AssetRow, AssetStatus, AssetType } from '../../../../shared/domain'

const TYPE: Record<AssetType, string> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'document',
  other: 'file',
}

/** What a tile without a thumbnail says, and why. */
const WAITING: Record<AssetStatus, string> = {
  discovered: 'Waiting',
  queued: 'Queued',
  processing: 'Processing…',
  ready: 'No preview',
  failed: 'Failed',
  missing: 'Missing',
}

const STATUS: Record<AssetStatus, string> = {
  discovered: 'waiting to be processed',
  queued: 'queued',
  processing: 'processing',
  ready: 'ready',
  failed: 'failed',
  missing: 'missing',
}

export function placeholderText(row: AssetRow, offline: boolean): string {
  if (offline && row.status !== 'ready') return 'Offline'
  return WAITING[row.status]
}

/** The tooltip: the failure's reason, or why nothing shows. */
export function placeholderTitle(row: AssetRow, offline: boolean): string {
  if (row.status === 'failed') return row.error ?? 'Processing failed.'
  if (offline) return 'Its folder is offline; only thumbnails made earlier can be shown.'
  if (row.status === 'missing') return 'The file is no longer where it was indexed.'
  return row.name
}

/** "lobby.mp4, video, ready" (and "offline"), for screen readers. */
export function tileLabel(row: AssetRow, offline: boolean): string {
  const parts = [row.name, TYPE[row.type], STATUS[row.status]]
  if (row.rating) parts.push(`${row.rating} ${row.rating === 1 ? 'star' : 'stars'}`)
  if (offline) parts.push('offline')
  return parts.join(', ')
}

/** 0:07, 12:34, 1:02:03 */
export function clockDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = String(seconds % 60).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
