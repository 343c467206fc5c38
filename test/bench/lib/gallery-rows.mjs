// Result rows of the gallery benchmark: a figure against the target, with the ratio of
// the value to the target (≤ 1× passes).

/** The `p`th percentile (0–100) of `values`, nearest rank; NaN when there are none. */
export function percentile(values, p) {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/**
 * A figure checked against an upper bound: `value` ≤ `limit` passes. Without a limit (a size the
 * issue sets no target for) the row only informs.
 */
export function targetRow({ test, marquee, value, limit, unit, reference = '—', metrics, notes }) {
  const checked = limit !== undefined && limit !== null
  const row = {
    test,
    marquee,
    reference,
    ratio: checked && Number.isFinite(value) ? value / limit : null,
    target: checked ? `≤ ${limit} ${unit}` : '—',
    pass: checked ? Number.isFinite(value) && value <= limit : null,
    value,
    metrics,
  }
  if (notes?.length) row.notes = notes
  return row
}
