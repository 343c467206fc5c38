import { createSignal, onCleanup, untrack } from 'solid-js'
import type { Upload } from 'tus-js-client'
import {
  UPLOAD_PATH,
  type ExistingCopy,
  type ImportFileOutcome,
  type ImportProgress,
  type ImportStatus,
  type ImportTarget,
} from '../../../shared/contract'
import { call, face, messageOf, on, onReconnect } from '../lib/api'
import { filesOf, type DroppedFile } from '../components/import/dropped-files'
import { createDropChecks } from './drop-checks'

/** A file of a drop as the panel shows it. */
export interface DropFile {
  fileId: number
  name: string
  size: number
  bytes: number
}

export interface SettledFile {
  fileId: number
  name: string
  /** Imported: its new path; duplicate: where the content already is; failed: the sentence. */
  detail: string
  assetId: number | null
}

/** One drop, from its first event to its summary. Lists are windows: the first LIST_MAX. */
export interface Drop {
  importId: string
  target: string
  phase: ImportProgress['phase']
  files: number
  totalFiles: number
  bytes: number
  totalBytes: number
  rate: number
  etaMs: number | null
  current: DropFile[]
  imported: SettledFile[]
  importedCount: number
  duplicates: SettledFile[]
  duplicateCount: number
  failed: SettledFile[]
  failedCount: number
  error: string | null
  /**
   * Files a page was uploading that no page sends now: this one was reloaded (or another page
   * started the drop). They end as failed when the grace period runs out, or when cancelled.
   */
  orphanUploads: number
}

const LIST_MAX = 200
/** A dropped connection loses at most a chunk; each PATCH is one. */
const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024
const UPLOADS_AT_ONCE = 2
const RETRY_DELAYS_MS = [0, 1000, 3000, 5000, 10_000, 20_000]

const ended = (phase: ImportProgress['phase']): boolean =>
  phase === 'done' || phase === 'failed' || phase === 'cancelled'

const where = (existing: ExistingCopy[]): string =>
  `already in ${existing.map((e) => e.path).join(', ')}`

/**
 * Drops into the library: files dropped in the app go to the core as paths (it copies them);
 * in a browser they are uploaded with tus. Either way, progress and the summary come from
 * `import.progress`, so imports started elsewhere (the CLI) show here too. The duplicate choice
 * is remembered for the session.
 */
export function createImportStore(options: { chunkBytes?: number } = {}) {
  const [drops, setDrops] = createSignal<ReadonlyMap<string, Drop>>(new Map())
  const [onDuplicate, setDuplicateSignal] = createSignal<'skip' | 'keep'>('skip')
  // Read when a drop starts, outside any tracking scope.
  let duplicateChoice: 'skip' | 'keep' = 'skip'
  const setOnDuplicate = (choice: 'skip' | 'keep'): void => {
    duplicateChoice = choice
    setDuplicateSignal(choice)
  }
  const [refusal, setRefusal] = createSignal<string | null>(null)
  const uploads = new Map<string, Map<number, Upload>>()
  const checks = createDropChecks()

  const follow = (p: ImportProgress): void => {
    setDrops((before) => {
      const drop = before.get(p.importId) ?? emptyDrop(p.importId, p.target)
      return new Map(before).set(p.importId, apply(drop, p))
    })
    if (ended(p.phase)) uploads.delete(p.importId)
  }
  onCleanup(on('import.progress', follow))
  /** A drop rebuilt from the core's status: every outcome so far, and uploads nobody sends. */
  const adopt = (s: ImportStatus): void => {
    const drop = apply(emptyDrop(s.importId, s.target), { ...s, settled: s.outcomes })
    const orphanUploads = uploads.has(s.importId) ? 0 : s.uploadsWaiting
    setDrops((before) => new Map(before).set(s.importId, { ...drop, orphanUploads }))
  }
  // A page opened (or reloaded) while imports run shows them, and can cancel them.
  void call('import.running').then(
    (running) => running.filter((s) => !untrack(drops).has(s.importId)).forEach(adopt),
    () => undefined,
  )
  // Events sent while the connection was down are lost: ask where the unfinished drops are.
  onCleanup(
    onReconnect(() => {
      for (const drop of untrack(drops).values()) {
        if (ended(drop.phase)) continue
        // Rebuilt from every outcome so far: those told while away are among them.
        void call('import.status', { importId: drop.importId }).then(adopt)
      }
    }),
  )

  /**
   * Files dropped on the page, into a root's inbox or a folder of a root. Answers the import's
   * id (its end comes as import.progress), or null when the drop was refused (`refusal`).
   */
  async function drop(transfer: DataTransfer, into: ImportTarget): Promise<string | null> {
    setRefusal(null)
    try {
      const bridge = face === 'electron' ? window.marquee?.shell : undefined
      if (bridge) {
        // The app: paths only; the core reads the files, never the renderer.
        const sources = [...transfer.files].map((f) => bridge.pathForFile(f)).filter(Boolean)
        if (sources.length === 0)
          throw new Error('Nothing dropped here is a file on this computer.')
        const { importId } = await call('import.start', {
          sources,
          into,
          onDuplicate: duplicateChoice,
        })
        open(importId)
        return importId
      }
      const files = await filesOf(transfer)
      if (files.length === 0) throw new Error('The drop holds no files.')
      return await upload(files, into)
    } catch (error) {
      setRefusal(messageOf(error))
      return null
    }
  }

  async function upload(files: DroppedFile[], into: ImportTarget): Promise<string | null> {
    // Hashed first: what the library has already is said at once and never uploaded.
    const sums = await checks.hash(files.map((f) => f.file))
    if (!sums) return null
    const { importId, uploads: planned = [] } = await call('import.start', {
      uploads: files.map((f, i) => ({
        name: f.name,
        size: f.file.size,
        lastModified: f.file.lastModified,
        sha256: sums[i]!,
      })),
      into,
      onDuplicate: duplicateChoice,
    })
    open(importId)
    const byName = new Map<string, DroppedFile[]>()
    for (const f of files) byName.set(f.name, [...(byName.get(f.name) ?? []), f])
    const queue = planned.map((p) => ({
      fileId: p.fileId,
      file: byName.get(p.name)!.shift()!.file,
    }))
    const mine = new Map<number, Upload>()
    uploads.set(importId, mine)
    const lane = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (!uploads.has(importId)) return
        await send(importId, next.fileId, next.file, mine)
      }
    }
    await Promise.all(Array.from({ length: UPLOADS_AT_ONCE }, lane))
    return importId
  }

  /** One file through tus; a dropped connection is retried from where the server's part ends. */
  async function send(importId: string, fileId: number, file: File, mine: Map<number, Upload>) {
    // Loaded on the first upload: most sessions never drop a file in a browser.
    const { Upload } = await import('tus-js-client')
    return new Promise<void>((resolve) => {
      const task = new Upload(file, {
        endpoint: UPLOAD_PATH,
        chunkSize: options.chunkBytes ?? UPLOAD_CHUNK_BYTES,
        retryDelays: RETRY_DELAYS_MS,
        metadata: { importId, fileId: String(fileId), filename: file.name },
        // Every drop is new: an earlier upload of the same file belongs to another import.
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: true,
        onSuccess: () => resolve(),
        // The core says what happened to the file (import.progress); the upload only stops.
        onError: () => resolve(),
      })
      mine.set(fileId, task)
      task.start()
    }).finally(() => mine.delete(fileId))
  }

  function open(importId: string): void {
    setDrops((before) =>
      before.has(importId) ? before : new Map(before).set(importId, emptyDrop(importId, '')),
    )
  }

  return {
    /** Newest first. */
    drops: () => [...drops().values()].reverse(),
    onDuplicate,
    setOnDuplicate,
    /** Why the last drop was refused before it started (its sentence), or null. */
    refusal,
    dismissRefusal: () => setRefusal(null),
    /** A drop the page itself refused (nowhere to put it), said like the core's refusals. */
    refuse: (message: string) => setRefusal(message),
    drop,
    /** Browser drops being hashed ("Checking for duplicates…"), and their cancel. */
    checks: checks.checks,
    cancelCheck: checks.cancel,
    /** Cancels one file, or the whole drop; what is in place already stays. */
    async cancel(importId: string, fileId?: number): Promise<void> {
      const mine = uploads.get(importId)
      if (fileId === undefined) uploads.delete(importId)
      for (const [id, task] of mine ?? [])
        if (fileId === undefined || id === fileId) void task.abort(false)
      await call('import.cancel', { importId, ...(fileId !== undefined ? { fileId } : {}) })
    },
    dismiss(importId: string): void {
      setDrops((before) => {
        const next = new Map(before)
        next.delete(importId)
        return next
      })
    },
    /** The asset ids a finished drop put in the library ("Show in gallery"). */
    importedIds: (importId: string): number[] =>
      drops()
        .get(importId)
        ?.imported.map((f) => f.assetId)
        .filter((id): id is number => id !== null) ?? [],
  }
}

export type ImportStore = ReturnType<typeof createImportStore>

function emptyDrop(importId: string, target: string): Drop {
  return {
    importId,
    target,
    phase: 'checking',
    files: 0,
    totalFiles: 0,
    bytes: 0,
    totalBytes: 0,
    rate: 0,
    etaMs: null,
    current: [],
    imported: [],
    importedCount: 0,
    duplicates: [],
    duplicateCount: 0,
    failed: [],
    failedCount: 0,
    error: null,
    orphanUploads: 0,
  }
}

/** A drop after one progress event: counts and the files in flight replaced, outcomes added. */
function apply(drop: Drop, p: ImportProgress): Drop {
  const next: Drop = {
    ...drop,
    target: p.target,
    phase: p.phase,
    files: p.files,
    totalFiles: p.totalFiles,
    bytes: p.bytes,
    totalBytes: p.totalBytes,
    rate: p.rate,
    etaMs: p.etaMs,
    current: p.current.map(({ fileId, name, size, bytes }) => ({ fileId, name, size, bytes })),
    error: p.error ?? null,
    imported: [...drop.imported],
    duplicates: [...drop.duplicates],
    failed: [...drop.failed],
  }
  for (const outcome of p.settled) add(next, outcome)
  return next
}

function add(drop: Drop, o: ImportFileOutcome): void {
  const push = (list: SettledFile[], detail: string, assetId: number | null): void => {
    if (list.length < LIST_MAX) list.push({ fileId: o.fileId, name: o.name, detail, assetId })
  }
  if (o.outcome === 'imported') {
    drop.importedCount++
    push(drop.imported, o.path, o.assetId)
  } else if (o.outcome === 'duplicate') {
    drop.duplicateCount++
    push(drop.duplicates, where(o.existing), o.existing[0]?.assetId ?? null)
  } else {
    drop.failedCount++
    push(drop.failed, o.error, null)
  }
}
