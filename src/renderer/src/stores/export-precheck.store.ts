import { createEffect, createSignal, on as whenChanged, onCleanup } from 'solid-js'
import type { ExportRequest } from '../../../shared/contract'
import type { ExportPrecheck } from '../../../shared/exports'
import { call, messageOf } from '../lib/api'

/** Typing a path asks again after this pause, not on every key. */
const SETTLE_MS = 300

/**
 * The export pre-check for what the dialog holds now (source, profile, destination): space,
 * FAT32, objects already there. Answers that arrive after the operator typed on are dropped.
 */
export function createExportPrecheck(
  request: () => Pick<ExportRequest, 'source' | 'profile' | 'out'> | null,
) {
  const [check, setCheck] = createSignal<ExportPrecheck | null>(null)
  const [checking, setChecking] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  let asked = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))

  const run = async (args: Pick<ExportRequest, 'source' | 'profile' | 'out'>): Promise<void> => {
    const mine = ++asked
    setChecking(true)
    try {
      const result = await call('export.precheck', args)
      if (mine === asked) {
        setCheck(result)
        setError(null)
      }
    } catch (e) {
      if (mine === asked) {
        setCheck(null)
        setError(messageOf(e))
      }
    } finally {
      if (mine === asked) setChecking(false)
    }
  }

  createEffect(
    whenChanged(request, (args) => {
      clearTimeout(timer)
      asked++
      setCheck(null)
      setError(null)
      setChecking(args !== null)
      if (args) timer = setTimeout(() => void run(args), SETTLE_MS)
    }),
  )

  return { check, checking, error }
}
