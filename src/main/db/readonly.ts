import { createRequire } from 'node:module'
import type Database from 'better-sqlite3'
import type { Db } from './connection'

/**
 * Opens an existing library for reading only, as it is: no pragma, no migration, nothing
 * created. For a look taken before the process holds the library (roots.repository.ts,
 * peekRoots). better-sqlite3 is required here, when called, not imported: the CLI imports this
 * with its entry, and `help` must not load the driver.
 */
export function openReadonly(file: string): Db {
  const Driver = createRequire(import.meta.url)('better-sqlite3') as typeof Database
  return new Driver(file, { readonly: true, fileMustExist: true })
}
