import type { ImpactResult } from '../../shared/graph'

const NAMES_SHOWN = 5

const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`
const lastPart = (dir: string): string => dir.split(/[\\/]/).filter(Boolean).pop() ?? dir

/**
 * "used by 3 playlists and 2 exported bundles: Lobby, Menu Board…", or null when nothing uses
 * it. What is said before a root or a collection goes (issue 12); bundles are named by folder.
 */
export function usedBy(impact: Pick<ImpactResult, 'collections' | 'bundles'>): string | null {
  const playlists = impact.collections.filter((c) => c.kind === 'playlist')
  const albums = impact.collections.filter((c) => c.kind === 'album')
  const parts = [
    playlists.length ? count(playlists.length, 'playlist') : '',
    albums.length ? count(albums.length, 'album') : '',
    impact.bundles.length ? count(impact.bundles.length, 'exported bundle') : '',
  ].filter(Boolean)
  if (parts.length === 0) return null
  const names = [
    ...impact.collections.map((c) => c.name),
    ...impact.bundles.map((b) => lastPart(b.dir)),
  ]
  const shown = names.slice(0, NAMES_SHOWN).join(', ')
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]
  return `used by ${list}: ${shown}${names.length > NAMES_SHOWN ? '…' : ''}`
}
