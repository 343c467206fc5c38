import { AppError } from '../errors'
import { usedBy } from '../graph/impact-text'
import type { GraphService } from './graph.service'

/**
 * Impact before change (issue 12): removing a root or deleting a collection that playlists,
 * albums or exported bundles use is refused until the caller confirms, and the refusal says
 * what uses it. What is unused goes at once.
 */
export class ImpactGuard {
  constructor(private readonly graph: GraphService) {}

  /**
   * Throws CONFLICT naming what uses `node`, unless `confirm`: then nothing is asked (a root's
   * impact reads all of its files — seconds at 1M — and the caller has shown it already).
   */
  check(node: string, what: string, confirm: boolean): void {
    if (confirm) return
    const sentence = usedBy(this.graph.impact(node))
    if (sentence)
      throw new AppError(
        'CONFLICT',
        `${what} is ${sentence}. Nothing was removed; confirm to remove it anyway.`,
      )
  }
}
