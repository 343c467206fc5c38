import { createSignal, For, Show } from 'solid-js'
import type { CustomProfileRequest } from '../../../../shared/profiles'
import { H264_LEVEL_NAMES, IMAGE_FORMATS } from '../../../../shared/profiles'

type Field = keyof CustomProfileRequest

/** The core's sentences start with the field's name: that is how each finds its field. */
const PREFIXES: Array<[string, Field]> = [
  ['Name:', 'name'],
  ['Maximum resolution:', 'maxResolution'],
  ['H.264 level:', 'level'],
  ['Maximum bit rate:', 'maxBitRateMbps'],
  ['Image format:', 'imageFormat'],
]

function fieldOf(problem: string): Field | null {
  return PREFIXES.find(([prefix]) => problem.startsWith(prefix))?.[1] ?? null
}

/** "Add custom profile": the core checks every field and says what is wrong with each. */
export function AddProfileForm(props: {
  onAdd: (request: CustomProfileRequest) => Promise<string[]>
  onCancel: () => void
}) {
  const [name, setName] = createSignal('')
  const [resolution, setResolution] = createSignal('1920x1080')
  const [level, setLevel] = createSignal('4.1')
  const [bitRate, setBitRate] = createSignal('20')
  const [imageFormat, setImageFormat] = createSignal('jpeg')
  const [problems, setProblems] = createSignal<string[]>([])
  const [busy, setBusy] = createSignal(false)

  const problemOf = (field: Field) => problems().find((p) => fieldOf(p) === field)
  const others = () => problems().filter((p) => fieldOf(p) === null)

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    setBusy(true)
    const typed = bitRate().trim().replace(',', '.')
    setProblems(
      await props.onAdd({
        name: name().trim(),
        maxResolution: resolution().trim(),
        level: level(),
        // Not a number: the core says so in words.
        maxBitRateMbps: typed === '' || !Number.isFinite(Number(typed)) ? -1 : Number(typed),
        imageFormat: imageFormat(),
      }),
    )
    setBusy(false)
  }

  const Problem = (p: { field: Field }) => (
    <Show when={problemOf(p.field)}>
      {(text) => (
        <span class="field__problem" role="alert">
          {text()
            .slice(text().indexOf(':') + 1)
            .trim()}
        </span>
      )}
    </Show>
  )

  return (
    <form class="profile-form" data-testid="add-profile-form" onSubmit={(e) => void submit(e)}>
      <h2 class="profile-form__title">Add custom profile</h2>
      <For each={others()}>
        {(text) => (
          <p class="field__problem" role="alert">
            {text}
          </p>
        )}
      </For>
      <div class="profile-form__grid">
        <label class="field" classList={{ 'has-problem': !!problemOf('name') }}>
          <span class="field__label">Name</span>
          <input
            class="input input--mono"
            placeholder="lobby-720p"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <Problem field="name" />
        </label>
        <label class="field" classList={{ 'has-problem': !!problemOf('maxResolution') }}>
          <span class="field__label">Maximum resolution</span>
          <input
            class="input input--mono"
            placeholder="1920x1080"
            value={resolution()}
            onInput={(e) => setResolution(e.currentTarget.value)}
          />
          <Problem field="maxResolution" />
        </label>
        <label class="field" classList={{ 'has-problem': !!problemOf('level') }}>
          <span class="field__label">H.264 level</span>
          <select class="input" value={level()} onChange={(e) => setLevel(e.currentTarget.value)}>
            <For each={H264_LEVEL_NAMES}>
              {(l) => (
                <option value={l} selected={l === level()}>
                  {l}
                </option>
              )}
            </For>
          </select>
          <Problem field="level" />
        </label>
        <label class="field" classList={{ 'has-problem': !!problemOf('maxBitRateMbps') }}>
          <span class="field__label">Maximum bit rate (Mbit/s)</span>
          <input
            class="input"
            inputMode="decimal"
            value={bitRate()}
            onInput={(e) => setBitRate(e.currentTarget.value)}
          />
          <Problem field="maxBitRateMbps" />
        </label>
        <label class="field" classList={{ 'has-problem': !!problemOf('imageFormat') }}>
          <span class="field__label">Image format</span>
          <select
            class="input"
            value={imageFormat()}
            onChange={(e) => setImageFormat(e.currentTarget.value)}
          >
            <For each={IMAGE_FORMATS}>
              {(f) => (
                <option value={f} selected={f === imageFormat()}>
                  {f.toUpperCase()}
                </option>
              )}
            </For>
          </select>
          <Problem field="imageFormat" />
        </label>
      </div>
      <div class="dialog__actions">
        <button type="button" class="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={busy()}>
          Add profile
        </button>
      </div>
    </form>
  )
}
