import { Show } from 'solid-js'
import type { RootKind } from '../../../shared/domain'
import { IconDrive, IconNetwork } from './icons'

const TEXT: Record<RootKind, string> = { local: 'Local disk', network: 'Network share' }

export function kindText(kind: RootKind): string {
  return TEXT[kind]
}

/** Local disk or network share, as an icon with its name (visible, or for screen readers). */
export function KindBadge(props: { kind: RootKind; iconOnly?: boolean }) {
  return (
    <span class="kind-badge" data-kind={props.kind} title={kindText(props.kind)}>
      <Show when={props.kind === 'network'} fallback={<IconDrive />}>
        <IconNetwork />
      </Show>
      <span classList={{ 'visually-hidden': props.iconOnly }}>{kindText(props.kind)}</span>
    </span>
  )
}
