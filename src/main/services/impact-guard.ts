import type { ImpactResult } from '../../shared/graph'
import { AppError } from '../errors'
import { usedBy } from '../graph/impact-text'
import type { IntegrationUsageRepository } from '../repositories/integration-usage.repository'
import type { GraphService } from './graph.service'

/**
 * Impact before change (issue 12): removing a root, deleting a collection or removing an
 * integration that playlists, albums or exported bundles use is refused until the caller
 * confirms, and the refusal says what uses it. What is unused goes at once.
 */
export class ImpactGuard {
  constructor(
    private readonly graph: GraphService,
    private readonly integrationUsage: IntegrationUsageRepository,
  ) {}

  /**
   * Throws CONFLICT naming what uses `node`, unless `confirm`: then nothing is asked (a root's
   * impact reads all of its files — seconds at 1M — and the caller has shown it already).
   */
  check(node: string, what: string, confirm: boolean): void {
    if (confirm) return
    refuse(usedBy(this.graph.impact(node)), what)
  }

  /**
   * What uses an integration: the playlists (and albums) holding its live items. Integrations
   * are no graph node (their cached media are not library assets), so this is its own query;
   * bundles already written keep their snapshot of its data and are not affected.
   */
  integrationImpact(id: number): ImpactResult {
    const collections = this.integrationUsage.collections(id)
    return {
      node: `integration:${id}`,
      collections,
      bundles: [],
      integrations: [],
      assets: [],
      counts: { collections: collections.length, bundles: 0, integrations: 0, assets: 0 },
    }
  }

  /** As `check`, for an integration: its items would leave those playlists with it. */
  checkIntegration(id: number, what: string, confirm: boolean): void {
    if (confirm) return
    const sentence = usedBy(this.integrationImpact(id))
    if (sentence)
      throw new AppError(
        'CONFLICT',
        `${what} is ${sentence}. Nothing was removed; confirm to remove it anyway (its items leave those collections).`,
      )
  }
}

function refuse(sentence: string | null, what: string): void {
  if (sentence)
    throw new AppError(
      'CONFLICT',
      `${what} is ${sentence}. Nothing was removed; confirm to remove it anyway.`,
    )
}
