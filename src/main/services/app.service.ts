import type { AppInfo } from '../../shared/domain'
import { APP_NAME } from '../../shared/domain'
import type { DataPaths } from '../paths'
import type { DatabaseRepository } from '../repositories/database.repository'

export class AppService {
  constructor(
    private readonly database: DatabaseRepository,
    private readonly paths: DataPaths,
    private readonly face: AppInfo['face'],
  ) {}

  info(): AppInfo {
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
        sqlite: this.database.sqliteVersion(),
      },
    }
  }
}
