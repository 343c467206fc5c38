import type { ItemCompliance } from '../../../../shared/profiles'

/** What the export will do with one item, for the collection's profile; reasons on hover. */
export function ComplianceBadge(props: { verdict: ItemCompliance | undefined }) {
  return (
    <span
      class={`compliance-badge compliance-badge--${props.verdict?.outcome ?? 'checking'}`}
      data-testid="compliance-badge"
      data-outcome={props.verdict?.outcome ?? 'checking'}
      title={props.verdict ? [props.verdict.label, ...props.verdict.reasons].join('\n') : undefined}
    >
      {props.verdict?.label ?? 'checking…'}
    </span>
  )
}
