import type { CollectionItem } from '../../../../shared/domain'

/** Why an item will not play or export as it is, in words; null when nothing is wrong. */
export function itemWarning(item: CollectionItem): string | null {
  if (item.status === 'missing') return 'Missing: the file is no longer in its folder'
  if (item.status === 'failed') return `Failed: ${item.error ?? 'it could not be processed'}`
  if (item.offline) return 'Offline: its library folder cannot be reached'
  if (item.status !== 'ready') return 'Not processed yet'
  return null
}
