import { basename, isAbsolute } from 'node:path'
import type { MethodArgs } from '../../shared/contract'
import type { Root } from '../../shared/domain'
import { AppError } from '../errors'
import { isInside } from '../paths'
import type { EventBus } from '../events'
import type { FilesystemRepository } from '../repositories/filesystem.repository'
import type { RootsRepository } from '../repositories/roots.repository'

export class RootsService {
  constructor(
    private readonly roots: RootsRepository,
    private readonly fs: FilesystemRepository,
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Root[] {
    return this.roots.list()
  }

  get(id: number): Root {
    const root = this.roots.get(id)
    if (!root) throw new AppError('NOT_FOUND', `There is no library folder with id ${id}.`)
    return root
  }

  /** Registers a folder as a library root. Nothing in the folder is touched. */
  async add({ path, label, kind }: MethodArgs<'roots.add'>): Promise<Root> {
    if (!isAbsolute(path)) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `"${path}" is not an absolute path. Give the full path of the folder.`,
      )
    }
    const check = await this.fs.checkDirectory(path)
    if (!check.ok) throw directoryError(path, check.reason, check.detail)
    const realPath = check.realPath
    this.refuseOverlap(realPath)
    const root = this.roots.insert({
      path: realPath,
      label: label?.trim() || basename(realPath) || realPath,
      kind: kind ?? (await this.fs.detectKind(realPath)),
      kindSource: kind ? 'user' : 'detected',
      status: 'online',
      statusReason: null,
      now: this.now(),
    })
    this.changed()
    return root
  }

  /** Forgets a root and its index. Files on disk are never touched. */
  remove(id: number): { id: number } {
    this.get(id)
    this.roots.remove(id)
    this.changed()
    return { id }
  }

  update({
    id,
    label,
    kind,
    exclusions,
    indexAllFiles,
    virusScan,
    scanIntervalMs,
    inbox,
  }: MethodArgs<'roots.update'>): Root {
    const current = this.get(id)
    const nextLabel = label === undefined ? current.label : label.trim()
    if (nextLabel === '') throw new AppError('INVALID_ARGUMENT', 'A library folder needs a label.')
    const root = this.roots.update(
      id,
      {
        label: nextLabel,
        kind: kind ?? current.kind,
        kindSource: kind ? 'user' : current.kindSource,
        exclusions: exclusions ?? current.exclusions,
        indexAllFiles: indexAllFiles ?? current.indexAllFiles,
        virusScan: virusScan ?? current.virusScan,
        scanIntervalMs: scanIntervalMs === undefined ? current.scanIntervalMs : scanIntervalMs,
        inbox: inbox === undefined ? current.inbox : inboxFolder(inbox),
      },
      this.now(),
    )!
    this.changed()
    return root
  }

  /** Sets a root's status (by the scanner) and tells every renderer. */
  setStatus(id: number, status: Root['status'], reason: string | null): void {
    const current = this.roots.get(id)
    if (!current || (current.status === status && current.statusReason === reason)) return
    this.roots.setStatus(id, status, reason, this.now())
    this.changed()
  }

  setNotice(id: number, notice: string | null): void {
    const current = this.roots.get(id)
    if (!current || current.notice === notice) return
    this.roots.setNotice(id, notice, this.now())
    this.changed()
  }

  private refuseOverlap(realPath: string): void {
    for (const existing of this.roots.list()) {
      if (existing.path === realPath) {
        throw new AppError(
          'CONFLICT',
          `${realPath} is already in the library as "${existing.label}".`,
        )
      }
      if (isInside(realPath, existing.path)) {
        throw new AppError(
          'CONFLICT',
          `${realPath} is inside the library folder "${existing.label}" (${existing.path}), so it is already indexed.`,
        )
      }
      if (isInside(existing.path, realPath)) {
        throw new AppError(
          'CONFLICT',
          `${realPath} contains the library folder "${existing.label}" (${existing.path}). Remove that folder first, then add this one.`,
        )
      }
    }
  }

  private changed(): void {
    this.events.emit('roots.changed', { roots: this.roots.list() })
  }
}

/** An inbox is a folder inside the root: relative, no `..`, no empty or dot segments. */
function inboxFolder(value: string): string {
  const segments = value
    .trim()
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '')
  if (
    segments.length === 0 ||
    value.trim().startsWith('/') ||
    // A drive letter ("C:/Media") is absolute on Windows, even if not here.
    /^[A-Za-z]:/.test(value.trim()) ||
    segments.some((s) => s === '..' || s.startsWith('.'))
  ) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${value}" cannot be an inbox: give a folder inside the library folder, like "Inbox" or "Incoming/Drops".`,
    )
  }
  return segments.join('/')
}

function directoryError(
  path: string,
  reason: 'missing' | 'not-directory' | 'unreadable' | 'timeout',
  detail: string,
): AppError {
  switch (reason) {
    case 'timeout':
      return new AppError(
        'UNAVAILABLE',
        `${path} did not answer (${detail}). If it is on a NAS, check the share is reachable.`,
      )
    case 'missing':
      return new AppError(
        'NOT_FOUND',
        `There is no folder at ${path}. Check the path, and that the drive or share is connected.`,
      )
    case 'not-directory':
      return new AppError(
        'INVALID_ARGUMENT',
        `${path} is a file, not a folder. Choose the folder that holds your media.`,
      )
    case 'unreadable':
      return new AppError(
        'INVALID_ARGUMENT',
        `Marquee cannot read ${path} (${detail}). Check its permissions.`,
      )
  }
}
