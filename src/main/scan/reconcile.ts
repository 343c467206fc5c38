import type { ScanCounts } from '../../shared/domain'
import type { AssetIndexRepository, IndexedFile } from '../repositories/asset-index.repository'
import type { BitSet } from './bitset'
import { quickFingerprint } from './fingerprint'
import { extensionOf } from './media-types'

export interface ReconcileInput {
  rootId: number
  rootPath: string
  scanId: number
  /** Ids of indexed files the walk found at their known path. */
  seen: BitSet
  /** Every file that was present before was found where it was: nothing can be gone. */
  allPresentSeen: boolean
  /** Entries the walk could not read: what lies under them is not missing. */
  protectedPaths: string[]
  presentBefore: number
  confirmEmpty: boolean
  counts: ScanCounts
  now: number
  fileAt: (file: IndexedFile) => string
}

/** Below this many files, a folder whose every file was replaced is plausible, not suspicious. */
const WRONG_VOLUME_MIN = 10

const relPathOf = (f: IndexedFile): string => (f.dir === '' ? f.name : `${f.dir}/${f.name}`)

/**
 * After a completed walk: pairs files that disappeared with files that appeared (a move or a
 * rename keeps the old id, and with it tags, collections and links), then marks the rest
 * missing. Returns a reason to abort instead when the result looks like the wrong volume.
 */
export function reconcile(repo: AssetIndexRepository, input: ReconcileInput): string | null {
  const { rootId, counts, now } = input
  if (input.allPresentSeen && !repo.anyMissing()) {
    // Nothing disappeared and nothing is waiting to come back: new rows are simply new.
    counts.added = repo.countUnconfirmed(rootId)
    return null
  }
  const fresh = repo.unconfirmed(rootId)
  const freshIds = new Set(fresh.map((f) => f.id))
  const isProtected = (f: IndexedFile): boolean => {
    const rel = relPathOf(f)
    return input.protectedPaths.some((p) => rel === p || rel.startsWith(`${p}/`))
  }
  const unseenIds = [...repo.presentIds(rootId)].filter(
    (id) => !input.seen.has(id) && !freshIds.has(id),
  )
  const gone = unseenIds.map((id) => repo.byId(id)!).filter((f) => !isProtected(f))
  const moves = pairMoves(repo, input, fresh, gone)

  const recognised = input.presentBefore - unseenIds.length + moves.length
  if (
    input.presentBefore >= WRONG_VOLUME_MIN &&
    recognised === 0 &&
    counts.seen > 0 &&
    !input.confirmEmpty
  ) {
    repo.transaction(() => repo.removeUnconfirmed(input.scanId))
    return (
      `None of the ${input.presentBefore} files indexed in ${input.rootPath} were found there, ` +
      `but other files were: a different drive may be mounted at this path. Nothing was marked ` +
      `missing. If the folder's content was really replaced, rescan it with "confirm empty".`
    )
  }

  repo.transaction(() => {
    for (const [oldFile, newFile] of moves) {
      repo.move(oldFile.id, newFile, extensionOf(newFile.name), now)
    }
    const moved = new Set(moves.map(([oldFile]) => oldFile.id))
    for (const f of gone) if (!moved.has(f.id) && repo.markMissing(f.id, now)) counts.missing++
  })
  counts.moved = moves.length
  counts.added = fresh.length - moves.length
  return null
}

/**
 * Same volume: same device and inode (and size). Otherwise: same size and the same quick
 * fingerprint when the old file has one (processing computes it); failing that, the same name
 * and size with exactly one candidate. Missing files of every root are candidates too.
 */
function pairMoves(
  repo: AssetIndexRepository,
  input: ReconcileInput,
  fresh: IndexedFile[],
  gone: IndexedFile[],
): Array<[IndexedFile, IndexedFile]> {
  const pairs: Array<[IndexedFile, IndexedFile]> = []
  const taken = new Set<number>()
  const byInode = new Map(gone.filter((g) => g.inode).map((g) => [`${g.device}:${g.inode}`, g]))
  const unmatched: IndexedFile[] = []
  for (const f of fresh) {
    const g = byInode.get(`${f.device}:${f.inode}`)
    if (g && g.size === f.size && !taken.has(g.id)) {
      taken.add(g.id)
      pairs.push([g, f])
    } else unmatched.push(f)
  }
  if (unmatched.length === 0 || (gone.length === 0 && !repo.anyMissing())) return pairs
  const freshIds = new Set(fresh.map((f) => f.id))
  const goneBySize = new Map<number, IndexedFile[]>()
  for (const g of gone) goneBySize.set(g.size, [...(goneBySize.get(g.size) ?? []), g])
  const candidatesOf = (f: IndexedFile): IndexedFile[] =>
    [...(goneBySize.get(f.size) ?? []), ...repo.missingWithSize(f.size)].filter(
      (g) => !taken.has(g.id) && !freshIds.has(g.id),
    )
  const take = (g: IndexedFile, f: IndexedFile): void => {
    taken.add(g.id)
    pairs.push([g, f])
  }

  const ambiguous: IndexedFile[] = []
  for (const f of unmatched) {
    const candidates = candidatesOf(f)
    if (candidates.length === 0) continue
    const match = pickByContent(candidates, f, input) ?? pickByName(candidates, f)
    if (match) take(match, f)
    else if (candidates.some((c) => c.name === f.name)) ambiguous.push(f)
  }
  // Same name and size in several folders (slide-1.jpg everywhere): follow where the rest of
  // the old folder went, as a renamed folder takes all its files along.
  const folderMoves = new Map<string, number>()
  for (const [g, f] of pairs) {
    const key = `${g.rootId}:${g.dir}\0${f.dir}`
    folderMoves.set(key, (folderMoves.get(key) ?? 0) + 1)
  }
  for (const f of ambiguous) {
    const named = candidatesOf(f).filter((c) => c.name === f.name && !c.fingerprint)
    const scored = named
      .map((c) => ({ c, score: folderMoves.get(`${c.rootId}:${c.dir}\0${f.dir}`) ?? 0 }))
      .sort((a, b) => b.score - a.score)
    if (scored[0] && scored[0].score > 0 && scored[0].score !== scored[1]?.score)
      take(scored[0].c, f)
  }
  return pairs
}

function pickByContent(
  candidates: IndexedFile[],
  f: IndexedFile,
  input: ReconcileInput,
): IndexedFile | undefined {
  const withPrint = candidates.filter((c) => c.fingerprint)
  if (withPrint.length === 0) return undefined
  let print: string
  try {
    print = quickFingerprint(input.fileAt(f), f.size)
  } catch {
    return undefined
  }
  return withPrint.find((c) => c.fingerprint === print)
}

function pickByName(candidates: IndexedFile[], f: IndexedFile): IndexedFile | undefined {
  const named = candidates.filter((c) => !c.fingerprint && c.name === f.name)
  const unique = new Map(named.map((c) => [c.id, c]))
  return unique.size === 1 ? [...unique.values()][0] : undefined
}
