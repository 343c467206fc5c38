import { createResource, createSignal, onCleanup } from 'solid-js'
import type { ImportProgress, ImportResult } from '../../../shared/contract'
import type { Asset } from '../../../shared/domain'
import type { ReplaceResult } from '../../../shared/graph'
import { call, messageOf, on } from '../lib/api'
import { createImportStore } from './import.store'

const MATCHES = 12

/** The folder a file is in (the import target for a dropped replacement). */
export const folderOf = (path: string): string =>
  path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')))

/**
 * "Replace with…" for one asset: find the new content among the library's assets by name or
 * path, or drop a file (imported next to the old one first), then `assets.replace`.
 */
export function createReplaceStore(old: () => Asset) {
  const [query, setQuery] = createSignal('')
  const [matches] = createResource(query, async (text) =>
    text.trim() === ''
      ? []
      : (
          await call('assets.list', { query: text.trim(), limit: MATCHES + 1, count: false })
        ).items.filter((a) => a.id !== old().id),
  )
  const [busy, setBusy] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [done, setDone] = createSignal<ReplaceResult | null>(null)

  // Imports end on import.progress; those that ended are kept until their drop asks.
  const ended = new Map<string, ImportProgress>()
  let wake: (() => void) | undefined
  onCleanup(
    on('import.progress', (p) => {
      if (p.phase !== 'done' && p.phase !== 'failed' && p.phase !== 'cancelled') return
      ended.set(p.importId, p)
      wake?.()
    }),
  )
  const imports = createImportStore()

  async function replaceWith(newId: number): Promise<void> {
    setBusy('Replacing…')
    setError(null)
    try {
      setDone(await call('assets.replace', { oldId: old().id, newId }))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  async function dropFile(transfer: DataTransfer): Promise<void> {
    if (transfer.files.length !== 1) {
      setError('Drop one file: the new version of this one.')
      return
    }
    setError(null)
    setBusy(`Importing ${transfer.files[0]!.name} next to ${old().name}…`)
    const importId = await imports.drop(transfer, { path: folderOf(old().path) })
    if (importId === null) {
      setBusy(null)
      setError(imports.refusal())
      return
    }
    while (!ended.has(importId)) await new Promise<void>((resolve) => (wake = resolve))
    const end = ended.get(importId)!
    const newId = end.phase === 'done' ? settledAsset(end.result) : null
    if (newId === null) {
      setBusy(null)
      setError(
        end.error ??
          end.result?.failed[0]?.error ??
          'The file could not be imported; nothing changed.',
      )
      return
    }
    await replaceWith(newId)
  }

  return { query, setQuery, matches, busy, error, done, replaceWith, dropFile }
}

/** The one asset an import of one file settled on: the copy, or the content already there. */
function settledAsset(result: ImportResult | undefined): number | null {
  const imported = result?.imported[0]?.assetId
  if (imported !== undefined) return imported
  return result?.duplicates[0]?.existing[0]?.assetId ?? null
}
