import { createSignal } from 'solid-js'
import { hashFiles, type HashProgress } from '../lib/hash-files'

/** A drop whose files are being hashed, before the core is asked about them. */
export interface DropCheck extends HashProgress {
  id: number
}

/** The panel is redrawn at most this often while a drop is hashed. */
const REDRAW_MS = 100

/**
 * "Checking for duplicates": a browser drop's files are hashed in the page before anything is
 * uploaded, so the core can say at once which are in the library already and none of those
 * bytes move. Each drop being hashed is listed (and can be cancelled) until its hashes are known.
 */
export function createDropChecks() {
  const [checks, setChecks] = createSignal<readonly DropCheck[]>([])
  const controllers = new Map<number, AbortController>()
  let next = 0

  const show = (check: DropCheck): void => {
    setChecks((list) =>
      list.some((c) => c.id === check.id)
        ? list.map((c) => (c.id === check.id ? check : c))
        : [...list, check],
    )
  }

  /** The files' SHA-256s in order, or null when the user cancelled the check. */
  async function hash(files: readonly File[]): Promise<string[] | null> {
    const id = ++next
    const controller = new AbortController()
    controllers.set(id, controller)
    let drawn = 0
    try {
      return await hashFiles(
        files,
        (p) => {
          const now = performance.now()
          if (now - drawn < REDRAW_MS && p.files < p.totalFiles) return
          drawn = now
          show({ id, ...p })
        },
        controller.signal,
      )
    } catch (error) {
      if (controller.signal.aborted) return null
      throw error
    } finally {
      controllers.delete(id)
      setChecks((list) => list.filter((c) => c.id !== id))
    }
  }

  return {
    checks,
    hash,
    cancel: (id: number): void => controllers.get(id)?.abort(),
  }
}
