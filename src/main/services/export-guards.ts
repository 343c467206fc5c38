import { AppError } from '../errors'
import type { ProcessingAsset } from '../repositories/processing.repository'

/**
 * What an export refuses before it copies anything, each with its own sentence: a file ClamAV
 * found infected (a player must never receive it), and one whose bytes changed on disk while
 * its size and date did not (bitrot: the copy would not be what was checked).
 */
export function refuseUnsafe(assets: Array<ProcessingAsset | undefined>): void {
  const infected = assets.flatMap((a) => {
    const scan = a
      ? (JSON.parse(a.metadata) as { virusScan?: { result?: string; signature?: string } })
          .virusScan
      : undefined
    return a && scan?.result === 'infected' ? [`${a.name} (${scan.signature ?? 'a virus'})`] : []
  })
  if (infected.length > 0)
    throw new AppError(
      'INVALID_ARGUMENT',
      `Not exported: ClamAV found a virus in ${list(infected)}. Marquee never copies an infected file into a bundle; take it out and export again.`,
    )
  const changed = assets.flatMap((a) => (a?.integrity === 'changed' ? [a.name] : []))
  if (changed.length > 0)
    throw new AppError(
      'INVALID_ARGUMENT',
      `Not exported: the bytes of ${list(changed)} changed on disk while ${changed.length > 1 ? 'their' : 'its'} size and date did not (possible disk damage). Restore ${changed.length > 1 ? 'them' : 'it'} from a backup, or take ${changed.length > 1 ? 'them' : 'it'} out, and export again.`,
    )
}

const list = (names: string[]): string =>
  names.length > 3
    ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
    : names.join(', ')
