import { For, Show } from 'solid-js'
import type { ComplianceReport, ProfileInfo } from '../../../../shared/profiles'
import { hrefOf } from '../../stores/router.store'
import '../../styles/profiles.css'

/** The collection's player profile, and what its items become for it, counted. */
export function ProfilePicker(props: {
  profiles: readonly ProfileInfo[]
  profile: string | null
  report: ComplianceReport | null
  onChoose: (id: string) => void
}) {
  return (
    <div class="profile-picker" data-testid="profile-picker">
      <label class="profile-picker__field">
        <span class="field__label">Player profile</span>
        <select
          class="input"
          aria-label="Player profile"
          value={props.profile ?? ''}
          onChange={(e) => props.onChoose(e.currentTarget.value)}
        >
          <For each={props.profiles}>
            {(p) => (
              <option value={p.id} selected={p.id === props.profile}>
                {p.builtIn ? p.label : `${p.id} — ${p.label}`}
              </option>
            )}
          </For>
        </select>
      </label>
      <p class="profile-picker__summary" data-testid="compliance-summary" aria-live="polite">
        <Show when={props.report?.profile === props.profile && props.report} fallback="Checking…">
          {(r) => <>For this profile: {r().summary}.</>}
        </Show>
      </p>
      <a class="profile-picker__link" href={hrefOf({ name: 'profiles' })}>
        Profiles…
      </a>
    </div>
  )
}
