import { formatBytes } from '../../lib/format'
import type { DropCheck } from '../../stores/drop-checks'

/** A browser drop being hashed: nothing is uploaded until the core knows what it has already. */
export function CheckingCard(props: { check: DropCheck; onCancel(id: number): void }) {
  const share = () =>
    props.check.totalBytes > 0 ? Math.min(1, props.check.bytes / props.check.totalBytes) : 0
  return (
    <article class="drop-card" data-testid="import-checking" data-phase="hashing">
      <div class="drop-card__head">
        <div class="drop-card__what">
          <strong>
            Checking for duplicates… {props.check.files} of {props.check.totalFiles}
          </strong>
          <span class="drop-card__target">Files already in the library will not be uploaded.</span>
        </div>
        <button
          type="button"
          class="button button--small"
          onClick={() => props.onCancel(props.check.id)}
        >
          Cancel
        </button>
      </div>
      <progress class="drop-card__bar" max="1" value={share()} aria-label="Checking progress" />
      <p class="drop-card__numbers">
        {formatBytes(props.check.bytes)} of {formatBytes(props.check.totalBytes)} read
      </p>
    </article>
  )
}
