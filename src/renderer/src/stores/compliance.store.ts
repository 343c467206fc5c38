import { createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js'
import type { Collection } from '../../../shared/domain'
import type { ComplianceReport, ItemCompliance, ProfileInfo } from '../../../shared/profiles'
import { call, messageOf, onReconnect, on as onEvent } from '../lib/api'

/**
 * What each item of one collection becomes for its player profile (`export.compliance`), the
 * profiles to pick from, and the pick itself (stored on the collection). Re-checked when the
 * items change, when the profile changes, and when assets finish processing.
 */
export function createComplianceStore(
  collection: () => Pick<Collection, 'id' | 'profile'> | null,
  /** Changes whenever the set of items does. */
  itemsKey: () => string,
) {
  const [report, setReport] = createSignal<ComplianceReport | null>(null)
  const [profiles, setProfiles] = createSignal<ProfileInfo[]>([])
  const [profile, setProfile] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  let asked = 0

  const check = async (): Promise<void> => {
    const current = collection()
    const chosen = profile()
    if (!current || !chosen) return
    const ticket = ++asked
    try {
      const answer = await call('export.compliance', { collectionId: current.id, profile: chosen })
      // A slower answer for a profile picked before must not replace the newer one.
      if (ticket === asked) setReport(answer)
    } catch (e) {
      if (ticket === asked) setError(messageOf(e))
    }
  }

  const loadProfiles = async (): Promise<void> => {
    try {
      setProfiles(await call('profiles.list'))
    } catch (e) {
      setError(messageOf(e))
    }
  }
  void loadProfiles()

  // The collection's own profile, once it is known (and again when the core changes it).
  createEffect(
    on(
      () => collection()?.profile,
      (stored) => stored && setProfile(stored),
    ),
  )
  // A memo only notifies when the key changes: editing a duration does not re-check.
  const key = createMemo(() => `${collection()?.id ?? ''}|${itemsKey()}`)
  createEffect(on([key, profile], () => void check()))
  // Events ask again with whatever collection and profile are current: reading them untracked
  // is the point.
  // eslint-disable-next-line solid/reactivity
  onCleanup(onReconnect(() => void check()))
  let pending: ReturnType<typeof setTimeout> | undefined
  onCleanup(
    // eslint-disable-next-line solid/reactivity
    onEvent('assets.changed', (change) => {
      const held = new Set(report()?.items.map((i) => i.assetId))
      if (!change.resync && !change.changed.some((id) => held.has(id))) return
      // Bursts while a folder processes: one check for the burst.
      clearTimeout(pending)
      pending = setTimeout(() => void check(), 500)
    }),
  )
  onCleanup(() => clearTimeout(pending))

  /** Picks a profile for the collection: the badges change at once, the core stores it. */
  const choose = async (id: string): Promise<void> => {
    const current = collection()
    if (!current) return
    const before = profile()
    setProfile(id)
    try {
      await call('collections.setProfile', { collectionId: current.id, profile: id })
      setError(null)
    } catch (e) {
      setProfile(before)
      setError(messageOf(e))
    }
  }

  // Verdicts for another profile than the one picked are not shown while the new ones come.
  const byItem = createMemo((): ReadonlyMap<number, ItemCompliance> => {
    const current = report()
    if (!current || current.profile !== profile()) return new Map()
    return new Map(current.items.map((i) => [i.itemId, i]))
  })

  return {
    report,
    profiles,
    profile,
    choose,
    byItem,
    error,
    dismissError: () => setError(null),
  }
}

export type ComplianceStore = ReturnType<typeof createComplianceStore>
