import { createSignal, onCleanup } from 'solid-js'
import type { CustomProfileRequest, ProfileInfo } from '../../../shared/profiles'
import { ApiCallError, call, messageOf, onReconnect } from '../lib/api'

/** The player profiles (`profiles.list`), adding a custom one, deleting one. */
export function createProfilesStore() {
  const [profiles, setProfiles] = createSignal<ProfileInfo[]>([])
  const [loaded, setLoaded] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const [notice, setNotice] = createSignal<{ tone: 'info' | 'warning'; text: string } | null>(null)

  const load = async (): Promise<void> => {
    try {
      setProfiles(await call('profiles.list'))
      setLoaded(true)
    } catch (e) {
      setError(`The player profiles could not be loaded. ${messageOf(e)}`)
    }
  }
  void load()
  onCleanup(onReconnect(() => void load()))

  /**
   * Adds a profile; answers the core's sentences when it refuses (one per bad field, each
   * starting with the field's name), or an empty list when it was added.
   */
  const add = async (request: CustomProfileRequest): Promise<string[]> => {
    try {
      const added = await call('profiles.add', request)
      setNotice({ tone: 'info', text: `Added the profile “${added.id}”.` })
      await load()
      return []
    } catch (e) {
      if (e instanceof ApiCallError && (e.code === 'INVALID_ARGUMENT' || e.code === 'CONFLICT'))
        return e.message.split('\n')
      return [messageOf(e)]
    }
  }

  const remove = async (name: string): Promise<void> => {
    try {
      const result = await call('profiles.remove', { name })
      setNotice(
        result.warning
          ? { tone: 'warning', text: result.warning }
          : { tone: 'info', text: `Deleted the profile “${result.name}”.` },
      )
      await load()
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return {
    profiles,
    loaded,
    error,
    notice,
    add,
    remove,
    dismissError: () => setError(null),
    dismissNotice: () => setNotice(null),
  }
}
