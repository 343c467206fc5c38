import type { Migration } from '../migrate'
import { up as rootsAndSettings } from './0001-roots-and-settings'
import { up as assetsAndScans } from './0002-assets-and-scans'
import { up as jobsAndDerivatives } from './0003-jobs-and-derivatives'
import { up as collectionsAndBundles } from './0004-collections-and-bundles'
import { up as dueJobsIndex } from './0005-due-jobs-index'
import { up as gallery } from './0006-gallery'
import { up as imports } from './0007-imports'
import { up as integrations } from './0008-integrations'
import { up as graph } from './0009-graph'
import { up as bundlePlaylists } from './0010-bundle-playlists'
import { up as playerProfiles } from './0011-player-profiles'
import { up as albumNesting } from './0012-album-nesting'
import { up as virtualItems } from './0013-virtual-items'
import { up as folderTags } from './0014-folder-tags'
import { up as analysisScanIntegrity } from './0015-analysis-scan-integrity'
import { up as paletteBackfill } from './0016-palette-backfill'
import { up as folderTagsOnArrival } from './0017-folder-tags-on-arrival'
import { up as galleryOrdersLean } from './0018-gallery-orders-lean'
import { up as jobBacklog } from './0019-job-backlog'

/** Ordered: the position is the schema version (PRAGMA user_version). */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'roots-and-settings', up: rootsAndSettings },
  { version: 2, name: 'assets-and-scans', up: assetsAndScans },
  { version: 3, name: 'jobs-and-derivatives', up: jobsAndDerivatives },
  { version: 4, name: 'collections-and-bundles', up: collectionsAndBundles },
  { version: 5, name: 'due-jobs-index', up: dueJobsIndex },
  { version: 6, name: 'gallery', up: gallery },
  { version: 7, name: 'imports', up: imports },
  { version: 8, name: 'integrations', up: integrations },
  { version: 9, name: 'graph', up: graph },
  { version: 10, name: 'bundle-playlists', up: bundlePlaylists },
  { version: 11, name: 'player-profiles', up: playerProfiles },
  { version: 12, name: 'album-nesting', up: albumNesting },
  { version: 13, name: 'virtual-items', up: virtualItems },
  { version: 14, name: 'folder-tags', up: folderTags },
  { version: 15, name: 'analysis-scan-integrity', up: analysisScanIntegrity },
  { version: 16, name: 'palette-backfill', up: paletteBackfill },
  { version: 17, name: 'folder-tags-on-arrival', up: folderTagsOnArrival },
  { version: 18, name: 'gallery-orders-lean', up: galleryOrdersLean },
  { version: 19, name: 'job-backlog', up: jobBacklog },
]
