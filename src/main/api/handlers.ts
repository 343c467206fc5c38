import type { Handlers } from '../../shared/contract'
import type { AppService } from '../services/app.service'
import type { AssetsService } from '../services/assets.service'
import type { RootsService } from '../services/roots.service'
import type { CollectionsService } from '../services/collections.service'
import type { AlbumTreeService } from '../services/album-tree.service'
import type { ExportService } from '../services/export.service'
import type { ExportPrecheckService } from '../services/export-precheck.service'
import type { BundleHistoryService } from '../services/bundle-history.service'
import type { GalleryService } from '../services/gallery.service'
import type { GraphService } from '../services/graph.service'
import type { ReplaceService } from '../services/replace.service'
import type { ImpactGuard } from '../services/impact-guard'
import type { FolderTagsService } from '../services/folder-tags.service'
import type { GraphRebuildService } from '../services/graph-rebuild.service'
import type { GraphNodesService } from '../services/graph-nodes.service'
import type { ImportService } from '../services/import.service'
import type { JobsService } from '../services/jobs.service'
import type { ScanService } from '../services/scan.service'
import type { StorageService } from '../services/storage.service'
import type { IntegrationServices } from '../app-integrations'
import type { ComplianceService } from '../services/compliance.service'
import type { ProfilesService } from '../services/profiles.service'
import type { IntegrityService } from '../services/integrity.service'

export interface HandlerServices extends IntegrationServices {
  app: AppService
  roots: RootsService
  scan: ScanService
  assets: AssetsService
  jobs: JobsService
  collections: CollectionsService
  exports: ExportService
  storage: StorageService
  gallery: GalleryService
  imports: ImportService
  graph: GraphService
  exportPrecheck: ExportPrecheckService
  bundleHistory: BundleHistoryService
  profiles: ProfilesService
  compliance: ComplianceService
  albums: AlbumTreeService
  replace: ReplaceService
  impactGuard: ImpactGuard
  folderTags: FolderTagsService
  graphRebuild: GraphRebuildService
  graphNodes: GraphNodesService
  integrity: IntegrityService
}

/** Maps every contract method onto a service call. The type makes a missing one a compile error. */
export function createHandlers(services: HandlerServices): Handlers {
  const { app, roots, scan, assets, jobs, collections, exports, storage, gallery, imports } =
    services
  const { integrations, integrationAuth, integrationPoller, integrationMedia, graph } = services
  return {
    'app.info': () => app.info(),
    'app.storage': () => storage.status(),
    'roots.list': () => roots.list(),
    'roots.add': (args) => roots.add(args),
    'roots.remove': ({ id, confirm }) => {
      const root = roots.get(id)
      services.impactGuard.check(`root:${id}`, `"${root.label}"`, confirm === true)
      return scan.removeRoot(id)
    },
    'roots.update': (args) => {
      const wasScanning = roots.get(args.id).virusScan
      const root = roots.update(args)
      if (root.virusScan && !wasScanning) jobs.queueVirusScans(root.id)
      return root
    },
    'roots.scan': ({ ids, confirmEmpty }) => {
      ids?.forEach((id) => roots.get(id))
      return scan.scanMany(ids, { confirmEmpty: confirmEmpty === true })
    },
    'assets.page': (args) => gallery.page(args),
    'assets.stats': ({ rootId }) => gallery.statsOf(rootId),
    'assets.groups': (args) => gallery.groups(args),
    'assets.indexOf': (args) => gallery.indexOf(args),
    'assets.ids': ({ selection, limit }) => gallery.ids(selection, limit),
    'folders.tree': ({ rootId }) => gallery.folders(rootId),
    'assets.update': (args) => gallery.update(args),
    'tags.list': () => gallery.tagList(),
    'tags.apply': (args) => gallery.applyTags(args),
    'assets.list': (query) => assets.list(query),
    'assets.get': ({ id }) => assets.get(id),
    'assets.byPath': ({ path }) => assets.byPath(path),
    'assets.duplicates': ({ similar }) => assets.duplicates(similar === true),
    'assets.remove': ({ ids, selection, confirm }) =>
      assets.remove(ids ?? gallery.removable(selection!), confirm === true),
    'assets.verify': ({ rootId }) => {
      if (rootId !== undefined) roots.get(rootId)
      return services.integrity.verify(rootId)
    },
    'assets.acceptBytes': ({ ids }) => {
      const accepted = services.integrity.accept(ids)
      if (accepted > 0) {
        jobs.queueDiscovered()
        jobs.prioritize(ids)
      }
      return { accepted }
    },
    'jobs.status': () => jobs.status(),
    'jobs.wait': () => jobs.drain(),
    'jobs.prioritize': ({ assetIds }) => {
      jobs.prioritize(assetIds)
      return jobs.status()
    },
    'jobs.pause': () => jobs.pause(),
    'jobs.resume': () => jobs.resume(),
    'jobs.cancel': ({ assetIds }) => {
      jobs.cancel(assetIds)
      return jobs.status()
    },
    'jobs.retry': ({ assetIds, selection }) => {
      jobs.retry(selection ? gallery.failedIn(selection) : assetIds)
      return jobs.status()
    },
    'collections.list': ({ kind }) => collections.list(kind),
    'collections.get': ({ kind, name }) => collections.get(kind, name),
    'collections.create': ({ kind, name }) => collections.create(kind, name),
    'collections.add': ({ kind, name, assetIds, durationMs }) =>
      collections.add(kind, name, assetIds, durationMs ?? null),
    'collections.remove': ({ kind, name, confirm }) => {
      const { id } = collections.get(kind, name)
      services.impactGuard.check(`collection:${id}`, `The ${kind} "${name}"`, confirm === true)
      return collections.remove(kind, name)
    },
    'collections.rename': ({ kind, name, newName }) => collections.rename(kind, name, newName),
    'collections.reorder': ({ name, itemIds }) => collections.reorder(name, itemIds),
    'collections.setDuration': ({ name, itemIds, durationMs }) =>
      collections.setDuration(name, itemIds, durationMs),
    'collections.removeItems': ({ kind, name, itemIds }) =>
      collections.removeItems(kind, name, itemIds),
    'collections.addSelection': ({ kind, name, selection, durationMs }) =>
      collections.addSelection(kind, name, selection, durationMs ?? null),
    'collections.move': ({ name, parent }) => services.albums.move(name, parent),
    'collections.setCover': ({ kind, name, assetId }) =>
      services.albums.setCover(kind, name, assetId),
    'export.start': (request) => exports.start(request),
    'export.cancel': ({ exportId }) => exports.cancel(exportId),
    'export.running': () => exports.runningNow(),
    'bundles.list': () => exports.list(),
    'bundles.verify': ({ dir }) => exports.verify(dir),
    'export.precheck': (request) => services.exportPrecheck.check(request),
    'drives.list': () => services.exportPrecheck.drives(),
    'bundles.history': () => services.bundleHistory.history(),
    'import.start': (request) => imports.start(request),
    'import.cancel': ({ importId, fileId }) => imports.cancel(importId, fileId),
    'import.status': ({ importId }) => imports.status(importId),
    'import.resume': () => imports.resume(),
    'import.running': () => imports.runningNow(),
    'integrations.list': () => integrations.list(),
    'integrations.status': () => ({
      ...integrations.secretsInfo(),
      ...integrationMedia.totals(),
    }),
    'integrations.add': (request) => integrations.add(request),
    'integrations.update': (request) => integrations.update(request),
    'integrations.remove': ({ id, confirm }) => {
      const { name } = integrations.get(id)
      services.impactGuard.checkIntegration(id, `“${name}”`, confirm === true)
      integrationAuth.cancel(id)
      return integrations.remove(id)
    },
    'integrations.impact': ({ id }) => {
      integrations.get(id)
      return services.impactGuard.integrationImpact(id)
    },
    'integrations.auth': ({ id, openBrowser }) => integrationAuth.start(id, openBrowser === true),
    'integrations.poll': ({ id }) => integrationPoller.poll(id),
    'integrations.cacheOptimize': (options) => integrationMedia.optimize(options),
    'integrations.cacheValidate': () => integrationMedia.validate(),
    'graph.neighbours': ({ node, ...options }) => graph.neighbours(node, options),
    'graph.path': ({ from, to, ...options }) => graph.path(from, to, options),
    'graph.impact': ({ node }) => graph.impact(node),
    'graph.link': ({ from, to, relation, ...options }) => graph.link(from, to, relation, options),
    'graph.unlink': ({ from, to, relation }) => graph.unlink(from, to, relation),
    'profiles.list': () => services.profiles.list(),
    'profiles.add': (request) => services.profiles.add(request),
    'profiles.remove': ({ name }) => services.profiles.remove(name),
    'collections.setProfile': ({ collectionId, profile }) => {
      collections.summaryById(collectionId)
      services.profiles.setProfile(collectionId, profile)
      return collections.summaryById(collectionId)
    },
    'export.compliance': ({ collectionId, profile }) =>
      services.compliance.check(collectionId, profile),
    'collections.addItems': ({ name, items }) => collections.addItems(name, items),
    'assets.replace': ({ oldId, newId, note }) => services.replace.replace(oldId, newId, note),
    'tags.folder': (request) => services.folderTags.apply(request),
    'tags.ofFolder': ({ rootId, folder }) => ({ tags: services.folderTags.tagsOf(rootId, folder) }),
    'graph.rebuild': () => services.graphRebuild.rebuild(),
    'graph.describe': ({ nodes }) => services.graphNodes.describe(nodes),
  }
}
