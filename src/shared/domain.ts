/**
 * Domain types and constants shared by the core and the renderer.
 * Types and constants only: nothing here may import runtime code.
 */

export const APP_NAME = 'Marquee'

export const ROOT_STATUSES = ['online', 'offline', 'scanning'] as const
export type RootStatus = (typeof ROOT_STATUSES)[number]

export const ROOT_KINDS = ['local', 'network'] as const
export type RootKind = (typeof ROOT_KINDS)[number]

/** A library folder indexed in place. Dates are epoch milliseconds. */
export interface Root {
  id: number
  path: string
  label: string
  kind: RootKind
  status: RootStatus
  /** Why the root is offline, in words a person can act on; null when online. */
  statusReason: string | null
  createdAt: number
  updatedAt: number
}

export interface AppInfo {
  name: string
  version: string
  /** Which face of the core is answering. */
  face: 'electron' | 'serve' | 'cli'
  dataDir: string
  databasePath: string
  cacheDir: string
  platform: string
  versions: { node: string; electron: string | null; sqlite: string }
}

/** Codes the UI can act on. Messages say what happened and what the user can do. */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'UNKNOWN_METHOD',
  'DATABASE_TOO_NEW',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
}
