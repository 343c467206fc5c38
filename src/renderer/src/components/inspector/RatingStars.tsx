import { For } from 'solid-js'
import { IconStar } from '../viewer/viewer-icons'

export interface RatingStarsProps {
  /** 0–5; null when never rated. */
  value: number | null
  onRate: (rating: number | null) => void
}

const STARS = [1, 2, 3, 4, 5]

/**
 * Five stars as a radio group: a click on a star sets that many, a click on the current
 * rating clears it; ←/→ step through them.
 */
export function RatingStars(props: RatingStarsProps) {
  const current = (): number => props.value ?? 0
  const onKeyDown = (event: KeyboardEvent): void => {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowUp' ? 1 : -1
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return
    event.preventDefault()
    const next = Math.min(5, Math.max(0, current() + step))
    props.onRate(next === 0 ? null : next)
    const group = event.currentTarget as HTMLElement
    queueMicrotask(() => group.querySelector<HTMLElement>('[tabindex="0"]')?.focus())
  }
  return (
    <div
      class="rating"
      role="radiogroup"
      aria-label="Rating"
      data-testid="inspector-rating"
      on:keydown={onKeyDown}
    >
      <For each={STARS}>
        {(n) => (
          <button
            type="button"
            role="radio"
            class="rating__star"
            classList={{ 'rating__star--on': n <= current() }}
            aria-checked={n === current()}
            aria-label={n === 1 ? '1 star' : `${n} stars`}
            title={n === current() ? 'Clear the rating' : `Rate ${n} of 5`}
            tabIndex={n === Math.max(current(), 1) ? 0 : -1}
            onClick={() => props.onRate(n === current() ? null : n)}
          >
            <IconStar filled={n <= current()} />
          </button>
        )}
      </For>
    </div>
  )
}
