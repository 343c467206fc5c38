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

  /** Throws CONFLICT naming what uses `node` unless `confirm`; answers the sentence or null. */
  check(node: string, what: string, confirm: boolean): string | null {
    const sentence = usedBy(this.graph.impact(node))
    if (sentence && !confirm)
      throw new AppError(
        'CONFLICT',
        `${what} is ${sentence}. Nothing was removed; confirm to remove it anyway.`,
      )
    return sentence
  }
}
