import { Show } from 'solid-js'
import type { GraphNodeInfo } from '../../../../shared/graph'

const KIND_NAMES: Record<string, string> = {
  asset: 'Asset',
  folder: 'Folder',
  root: 'Library folder',
  collection: 'Collection',
  bundle: 'Exported bundle',
  integration: 'Integration',
  media: 'Integration media',
  rendition: 'Rendition',
}

/** The selected node: what it is, and what can be done from it. Announced when it changes. */
export function NodePanel(props: {
  node: string
  info: GraphNodeInfo | undefined
  thumbnail: string | null
  isCenter: boolean
  canExpand: boolean
  /** It was expanded and its walk stopped at the cap: "show more" rather than "expand". */
  hasMore: boolean
  busy: boolean
  onExpand: () => void
  onRecenter: () => void
}) {
  const kind = () => props.node.slice(0, props.node.indexOf(':'))
  return (
    <section class="graph-node" aria-label="Selected node" data-testid="graph-node-panel">
      <div class="graph-node__head" aria-live="polite">
        <Show when={props.thumbnail}>
          {(src) => <img class="graph-node__thumb" src={src()} alt="" />}
        </Show>
        <div class="graph-node__text">
          <span class="graph-node__kind">{KIND_NAMES[kind()] ?? kind()}</span>
          <strong class="graph-node__label" data-testid="graph-selected">
            {props.info?.label ?? props.node}
          </strong>
          <span class="graph-node__name mono">{props.node}</span>
        </div>
      </div>
      <div class="graph-node__actions">
        <button
          type="button"
          class="button button--small"
          disabled={!props.canExpand || props.busy}
          onClick={() => props.onExpand()}
        >
          {props.hasMore ? 'Show 100 more' : props.canExpand ? 'Expand' : 'Expanded'}
        </button>
        <Show when={!props.isCenter}>
          <button type="button" class="button button--small" onClick={() => props.onRecenter()}>
            Explore from here
          </button>
        </Show>
      </div>
    </section>
  )
}
