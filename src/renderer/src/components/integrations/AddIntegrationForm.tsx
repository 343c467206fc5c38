import { createSignal, Show } from 'solid-js'
import type {
  AddIntegrationRequest,
  FeedHeaderInput,
  MediaField,
  MediaVariant,
} from '../../../../shared/integrations'

export interface AddIntegrationFormProps {
  onSubmit: (request: AddIntegrationRequest) => Promise<void>
  onCancel: () => void
}

/** PATH=OUTPUT[:variant,…] per line, as on the command line. */
function parseFields(text: string): MediaField[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [path = '', rest = ''] = line.split('=', 2)
      const [outputPath = '', variants = ''] = rest.split(':', 2)
      return {
        path: path.trim(),
        outputPath: outputPath.trim(),
        variants: variants
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean) as MediaVariant[],
      }
    })
}

/** `Name: value` per line, as `--header` takes it; a line without a colon is an error. */
export function parseHeaders(text: string, secret: boolean): FeedHeaderInput[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':')
      if (colon <= 0) throw new Error(`"${line}" is not a header: write it as Name: value.`)
      return { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim(), secret }
    })
}

/** Adds a Spotify account (then "Connect") or a JSON feed with its media fields and headers. */
export function AddIntegrationForm(props: AddIntegrationFormProps) {
  const [kind, setKind] = createSignal<'spotify' | 'feed'>('spotify')
  const [name, setName] = createSignal('')
  const [clientId, setClientId] = createSignal('')
  const [url, setUrl] = createSignal('')
  const [fields, setFields] = createSignal('')
  const [headers, setHeaders] = createSignal('')
  const [secretHeaders, setSecretHeaders] = createSignal(true)
  const [interval, setInterval] = createSignal('')
  const [error, setError] = createSignal<string | null>(null)
  const [pending, setPending] = createSignal(false)

  const submit = async (): Promise<void> => {
    const seconds = interval().trim() ? Number(interval()) : undefined
    const common = {
      ...(name().trim() ? { name: name().trim() } : {}),
      ...(seconds ? { intervalMs: Math.round(seconds * 1000) } : {}),
    }
    setPending(true)
    setError(null)
    try {
      const request: AddIntegrationRequest =
        kind() === 'spotify'
          ? { kind: 'spotify', clientId: clientId().trim(), ...common }
          : {
              kind: 'feed',
              url: url().trim(),
              mediaFields: parseFields(fields()),
              headers: parseHeaders(headers(), secretHeaders()),
              ...common,
            }
      await props.onSubmit(request)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setPending(false)
    }
  }

  return (
    <form
      class="panel add-panel integration-form"
      data-testid="add-integration-form"
      aria-busy={pending()}
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <div class="integration-form__row">
        <label class="field">
          <span class="field__label">Kind</span>
          <select
            class="select"
            value={kind()}
            onChange={(e) => setKind(e.currentTarget.value as 'spotify' | 'feed')}
          >
            <option value="spotify">Spotify now playing</option>
            <option value="feed">JSON feed</option>
          </select>
        </label>
        <label class="field field--grow">
          <span class="field__label">
            Name <span class="field__optional">(optional)</span>
          </span>
          <input class="input" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">
            Every (s) <span class="field__optional">(optional)</span>
          </span>
          <input
            class="input"
            inputMode="numeric"
            value={interval()}
            onInput={(e) => setInterval(e.currentTarget.value)}
          />
        </label>
      </div>
      <Show
        when={kind() === 'spotify'}
        fallback={
          <>
            <label class="field">
              <span class="field__label">Feed address</span>
              <input
                class="input input--mono"
                type="url"
                required
                value={url()}
                onInput={(e) => setUrl(e.currentTarget.value)}
              />
            </label>
            <label class="field">
              <span class="field__label">
                Media fields, one per line: PATH=OUTPUT[:thumbnail,preview,full]{' '}
                <span class="field__optional">(optional)</span>
              </span>
              <textarea
                class="input input--mono"
                rows={3}
                placeholder="items[*].image.url=items[*].image_cached"
                value={fields()}
                onInput={(e) => setFields(e.currentTarget.value)}
              />
            </label>
            <label class="field">
              <span class="field__label">
                Request headers, one per line: Name: value{' '}
                <span class="field__optional">(optional)</span>
              </span>
              <textarea
                class="input input--mono"
                rows={2}
                placeholder="Authorization: Bearer …"
                spellcheck={false}
                value={headers()}
                onInput={(e) => setHeaders(e.currentTarget.value)}
              />
            </label>
            <label class="integration-form__check">
              <input
                type="checkbox"
                checked={secretHeaders()}
                onChange={(e) => setSecretHeaders(e.currentTarget.checked)}
              />
              Their values are secrets (a key, a token): kept encrypted, never shown again
            </label>
          </>
        }
      >
        <label class="field">
          <span class="field__label">
            Spotify client id (from your Spotify app; redirect URI http://127.0.0.1/callback)
          </span>
          <input
            class="input input--mono"
            required
            value={clientId()}
            onInput={(e) => setClientId(e.currentTarget.value)}
          />
        </label>
      </Show>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="integration__actions">
        <button type="submit" class="button button--primary" disabled={pending()}>
          Add integration
        </button>
        <button type="button" class="button button--quiet" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  )
}
