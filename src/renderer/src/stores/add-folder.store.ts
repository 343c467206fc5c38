import { createSignal } from 'solid-js'
import type { Root, RootKind } from '../../../shared/domain'
import { messageOf, pickFolder } from '../lib/api'
import type { RootsStore } from './roots.store'

/** The "Add folder" form: its fields, the call in flight, and what the core said. */
export function createAddFolderStore(roots: RootsStore) {
  const [path, setPath] = createSignal('')
  const [label, setLabel] = createSignal('')
  /** null: let the core detect it from the mount table. */
  const [kind, setKind] = createSignal<RootKind | null>(null)
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const [added, setAdded] = createSignal<Root | null>(null)
  /** Whether the form is shown on a library that already has folders. */
  const [open, setOpen] = createSignal(false)
  /** Bumped to ask the form to focus its first field. */
  const [focusRequest, setFocusRequest] = createSignal(0)

  const addPath = async (folder: string): Promise<void> => {
    setPending(true)
    setError(null)
    setAdded(null)
    try {
      const trimmedLabel = label().trim()
      const chosenKind = kind()
      const root = await roots.add({
        path: folder,
        ...(chosenKind ? { kind: chosenKind } : {}),
        ...(trimmedLabel ? { label: trimmedLabel } : {}),
      })
      setPath('')
      setLabel('')
      setKind(null)
      setAdded(root)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setPending(false)
    }
  }

  return {
    path,
    label,
    kind,
    pending,
    error,
    added,
    open,
    focusRequest,
    canPick: pickFolder !== undefined,
    setPath: (value: string) => {
      setPath(value)
      setError(null)
      setAdded(null)
    },
    setLabel,
    setKind,
    submit: async () => {
      if (pending()) return
      const folder = path().trim()
      if (folder === '') {
        setError('Enter the full path of a folder, for example /mnt/nas/signage.')
        setFocusRequest((n) => n + 1)
        return
      }
      await addPath(folder)
    },
    /** Desktop app only: the native picker, then the same call as the form. */
    choose: async () => {
      if (!pickFolder || pending()) return
      const folder = await pickFolder()
      if (folder) await addPath(folder)
    },
    show: () => {
      setOpen(true)
      setFocusRequest((n) => n + 1)
    },
    hide: () => {
      setOpen(false)
      setError(null)
      setAdded(null)
    },
    dismissAdded: () => setAdded(null),
  }
}

export type AddFolderStore = ReturnType<typeof createAddFolderStore>
