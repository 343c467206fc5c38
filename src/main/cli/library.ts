import type {
  ApiResponse,
  EventName,
  Events,
  MethodArgs,
  MethodName,
  MethodResult,
} from '../../shared/contract'
import type { Core } from '../app'
import { AppError, LibraryLockedError } from '../errors'
import type { Logger } from '../logger'
import { LibraryLockRepository, type LockHolder } from '../repositories/library-lock.repository'
import { connectLocal, type LocalClient } from '../transport/local-client'
import type { StorageSettings } from '../services/storage.service'
import type { WorkerSpecs } from '../workers'

/** How long the CLI keeps trying to reach an instance that holds the lock but is not yet listening. */
const JOIN_TIMEOUT_MS = 15_000
const RETRY_MS = 100

/**
 * What a CLI command works with: the contract (the same validated dispatcher as the UI) and its
 * events. `local`: this process holds the library and runs its core; `remote`: it talks to the
 * running app or `serve` that holds it, which does the work and shows it live.
 */
export interface Library {
  mode: 'local' | 'remote'
  /** The running instance this CLI joined (remote mode). */
  holder: LockHolder | null
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>
  subscribe(listener: <E extends EventName>(event: E, payload: Events[E]) => void): () => void
  close(): Promise<void>
}

export interface OpenOptions {
  dataDir: string
  workers: WorkerSpecs
  logger: Logger
  /** Low-water mark and the like, for a core this process runs. */
  storage?: Partial<StorageSettings>
  /** Waits between attempts to join (tests shorten it). */
  joinTimeoutMs?: number
}

/**
 * Joins the instance that holds the library when there is one, else takes the library and runs
 * the core here (listening too, so other CLIs started meanwhile join this one).
 */
export async function openLibrary(options: OpenOptions): Promise<Library> {
  const locks = new LibraryLockRepository(options.dataDir)
  const deadline = Date.now() + (options.joinTimeoutMs ?? JOIN_TIMEOUT_MS)
  let lastHolder: LockHolder | null = null
  for (;;) {
    const holder = locks.holder()
    if (!holder) {
      try {
        // Loaded only here: a CLI that joins a running instance never compiles the core.
        const { createCore } = await import('../app')
        const core = createCore({
          dataDir: options.dataDir,
          face: 'cli',
          workers: options.workers,
          logger: options.logger,
          storage: options.storage,
        })
        return await localLibrary(core)
      } catch (error) {
        // Another process took it between the look and the take: join that one instead.
        if (!(error instanceof LibraryLockedError)) throw error
        lastHolder = error.holder as LockHolder
      }
    } else {
      lastHolder = holder
      const client = await connectLocal(holder.socket).catch(() => null)
      if (client) return remoteLibrary(client, holder)
    }
    // The holder is starting (not listening yet) or stopping (lock not yet released).
    if (Date.now() > deadline) {
      throw new AppError(
        'UNAVAILABLE',
        lastHolder
          ? `${new LibraryLockedError(options.dataDir, lastHolder).message} It does not answer on ${lastHolder.socket}; if it is stuck, stop it and run the command again.`
          : `The library in ${options.dataDir} could not be opened.`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
  }
}

async function localLibrary(core: Core): Promise<Library> {
  try {
    await core.listen({ drainOnClose: true })
  } catch (error) {
    await core.close()
    throw error
  }
  return {
    mode: 'local',
    holder: null,
    call: async (method, args) => unwrap(await core.dispatch(method, args)),
    subscribe: (listener) => core.events.subscribe(listener),
    close: () => core.close(),
  }
}

function remoteLibrary(client: LocalClient, holder: LockHolder): Library {
  return {
    mode: 'remote',
    holder,
    call: async (method, args) => unwrap(await client.call(method, args)),
    subscribe: (listener) =>
      client.subscribe((event, payload) => listener(event, payload as Events[typeof event])),
    close: async () => client.close(),
  }
}

function unwrap<T>(response: ApiResponse<unknown>): T {
  if (!response.ok) throw new AppError(response.error.code, response.error.message)
  return response.result as T
}
