import type { AppInfo } from '../../shared/domain'
import { APP_NAME } from '../../shared/domain'
import type { Db } from '../db/connection'
import type { DataPaths } from '../paths'

export class AppService {
  constructor(
    private readonly db: Db,
    private readonly paths: DataPaths,
    private readonly face: AppInfo['face'],
  ) {}

  info(): AppInfo {
    const sqlite = this.db.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()!.v
    return {
      name: APP_NAME,
      version: __MARQUEE_VERSION__,
      face: this.face,
      dataDir: this.paths.dataDir,
      databasePath: this.paths.databasePath,
      cacheDir: this.paths.cacheDir,
      platform: process.platform,
      versions: {
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        sqlite,
      },
    }
  }
}
