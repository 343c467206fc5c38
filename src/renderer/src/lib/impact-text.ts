import type { ImpactResult } from '../../../shared/graph'
import { plural } from './format'

/**
 * "2 playlists and 1 exported bundle" for what uses a node, or null when nothing does (the
 * core's refusal says the same in src/main/graph/impact-text.ts).
 */
export function usedByCounts(impact: Pick<ImpactResult, 'collections' | 'bundles'>): string | null {
  const playlists = impact.collections.filter((c) => c.kind === 'playlist').length
  const albums = impact.collections.length - playlists
  const parts = [
    playlists ? plural(playlists, 'playlist') : '',
    albums ? plural(albums, 'album') : '',
    impact.bundles.length ? plural(impact.bundles.length, 'exported bundle') : '',
  ].filter(Boolean)
  if (parts.length === 0) return null
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!
}

/** A bundle is named by its folder (what the operator sees on the stick). */
export const bundleName = (dir: string): string => dir.split(/[\\/]/).filter(Boolean).pop() ?? dir
