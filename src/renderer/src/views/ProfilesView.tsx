import { createSignal, Show } from 'solid-js'
import type { CustomProfileRequest } from '../../../shared/profiles'
import { Banner } from '../components/Banner'
import { IconProfiles } from '../components/icons'
import { PageHeader } from '../components/PageHeader'
import { AddProfileForm } from '../components/profiles/AddProfileForm'
import { ProfileTable } from '../components/profiles/ProfileTable'
import { createProfilesStore } from '../stores/profiles.store'
import '../styles/collections.css'
import '../styles/profiles.css'

/** `#/profiles`: the player profiles, what each accepts, and the operator's own. */
export function ProfilesView() {
  const store = createProfilesStore()
  const [adding, setAdding] = createSignal(false)
  const add = async (request: CustomProfileRequest): Promise<string[]> => {
    const problems = await store.add(request)
    if (problems.length === 0) setAdding(false)
    return problems
  }
  return (
    <>
      <PageHeader
        title="Player profiles"
        leading={<IconProfiles class="icon icon--large" />}
        description="What a player plays. Each playlist is checked and exported for one; media it does not accept is converted, remuxed or transcoded in the bundle."
        actions={
          <button
            type="button"
            class="button button--primary"
            disabled={adding()}
            onClick={() => setAdding(true)}
          >
            Add custom profile
          </button>
        }
      />
      <Show when={store.error()}>
        {(message) => (
          <Banner tone="error" onDismiss={store.dismissError}>
            {message()}
          </Banner>
        )}
      </Show>
      <Show when={store.notice()}>
        {(notice) => (
          <Banner tone={notice().tone} testId="profiles-notice" onDismiss={store.dismissNotice}>
            {notice().text}
          </Banner>
        )}
      </Show>
      <Show when={adding()}>
        <AddProfileForm onAdd={add} onCancel={() => setAdding(false)} />
      </Show>
      <Show when={store.loaded()}>
        <ProfileTable profiles={store.profiles()} onRemove={(name) => void store.remove(name)} />
      </Show>
    </>
  )
}
