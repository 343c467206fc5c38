import type { Root } from '../../../../shared/domain'

/** Why files dropped now cannot go anywhere, and what the user can do about it. */
export interface DropBlocked {
  reason: string
  advice: string
}

const names = (roots: Root[]): string => {
  const labels = roots.map((r) => r.label)
  return labels.length <= 3 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')}…`
}

/**
 * Why a drop on the gallery cannot be taken, or null when it can. The gallery shows one library
 * folder (`shown`) or all of them; an offline folder cannot take files (its disk or share is not
 * there to write to), and with no folder at all there is nowhere to put them.
 */
export function dropBlocked(
  roots: Root[],
  shown: Root | undefined,
  loaded = true,
): DropBlocked | null {
  if (!loaded)
    return {
      reason: 'The library is still loading.',
      advice: 'Drop the files again in a moment.',
    }
  if (shown)
    return shown.status === 'offline'
      ? {
          reason: `${shown.label} is offline, so nothing can be copied into it.`,
          advice:
            shown.kind === 'network'
              ? 'Reconnect the NAS or share it lives on (Marquee notices by itself), or drop the files on another library folder.'
              : 'Reconnect the disk it lives on (Marquee notices by itself), or drop the files on another library folder.',
        }
      : null
  if (roots.length === 0)
    return {
      reason: 'There is no library folder yet, so there is nowhere to import to.',
      advice: 'Add a folder in Folders first, then drop the files again.',
    }
  if (roots.every((r) => r.status === 'offline'))
    return {
      reason: `Every library folder is offline (${names(roots)}), so nothing can be imported.`,
      advice: roots.some((r) => r.kind === 'network')
        ? 'Reconnect the NAS or disk (Marquee notices by itself), or add a local folder in Folders.'
        : 'Reconnect the disk (Marquee notices by itself), or add another folder in Folders.',
    }
  return null
}
