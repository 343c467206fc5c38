import type { IntegrationMediaRepository } from '../repositories/integration-media.repository'
import type { WidgetSource } from './export-widgets'
import type { IntegrationsService } from './integrations.service'

/** Exports and previews read integration snapshots and keep their cached images referenced. */
export function widgetSource(
  integrations: Pick<IntegrationsService, 'get'>,
  media: Pick<IntegrationMediaRepository, 'bySha' | 'addRef' | 'dropRefs'>,
): WidgetSource {
  return {
    snapshot(id) {
      const integration = integrations.get(id)
      return {
        id,
        kind: integration.kind,
        name: integration.name,
        data: integration.data,
        fetchedAt: integration.fetchedAt,
        staleSince: integration.staleSince,
      }
    },
    reference(owner, ownerId, sha256s) {
      media.dropRefs(owner, ownerId)
      // An item retention removed since the snapshot was read has no row to point at.
      for (const sha256 of sha256s) if (media.bySha(sha256)) media.addRef(sha256, owner, ownerId)
    },
  }
}
