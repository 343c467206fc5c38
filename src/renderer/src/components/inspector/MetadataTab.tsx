import { createMemo, createSignal, For, Show } from 'solid-js'
import { IconSearch } from '../icons'
import { buildTree, filterTree, leafCount, namespaceLabel, type MetaNode } from './metadata-tree'

export interface MetadataTabProps {
  namespace: string
  value: unknown
}

/** `text` with the parts that match `needle` marked. */
function Highlight(props: { text: string; needle: string }) {
  const parts = (): Array<{ text: string; hit: boolean }> => {
    const needle = props.needle.trim().toLowerCase()
    if (!needle) return [{ text: props.text, hit: false }]
    const out: Array<{ text: string; hit: boolean }> = []
    const lower = props.text.toLowerCase()
    let from = 0
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
      if (at > from) out.push({ text: props.text.slice(from, at), hit: false })
      out.push({ text: props.text.slice(at, at + needle.length), hit: true })
      from = at + needle.length
    }
    if (from < props.text.length) out.push({ text: props.text.slice(from), hit: false })
    return out
  }
  return <For each={parts()}>{(part) => (part.hit ? <mark>{part.text}</mark> : part.text)}</For>
}

function Branch(props: { nodes: MetaNode[]; depth: number; needle: string }) {
  return (
    <For each={props.nodes}>
      {(node) => (
        <Show
          when={node.children}
          fallback={
            <div class="meta-row" data-key={node.key}>
              <span class="meta-row__key">
                <Highlight text={node.key} needle={props.needle} />
              </span>
              <span class="meta-row__value">
                <Highlight text={node.value ?? ''} needle={props.needle} />
              </span>
            </div>
          }
        >
          {(children) => (
            <details class="meta-group" open={props.depth === 0 || props.needle.trim() !== ''}>
              <summary class="meta-group__summary">
                <span class="meta-group__name">
                  <Highlight text={node.key} needle={props.needle} />
                </span>
                <span class="meta-group__count">{node.leaves}</span>
              </summary>
              <div class="meta-group__body">
                <Branch nodes={children()} depth={props.depth + 1} needle={props.needle} />
              </div>
            </details>
          )}
        </Show>
      )}
    </For>
  )
}

/** One metadata namespace as a readable tree, with a field that filters keys and values. */
export function MetadataTab(props: MetadataTabProps) {
  const [query, setQuery] = createSignal('')
  const tree = createMemo(() => buildTree(props.namespace, props.value))
  const shown = createMemo(() => filterTree(tree(), query()))
  const total = (): number => leafCount(tree())

  return (
    <div class="metadata" data-testid="inspector-metadata" data-namespace={props.namespace}>
      <label class="metadata__search">
        <IconSearch class="icon metadata__search-icon" />
        <span class="visually-hidden">Search {namespaceLabel(props.namespace)} metadata</span>
        <input
          class="input metadata__search-input"
          type="search"
          placeholder={`Search ${total()} fields`}
          data-testid="metadata-search"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          on:keydown={(e: KeyboardEvent) => {
            // Esc empties the search first; only an empty field gives Esc to the viewer.
            if (e.key === 'Escape' && query()) {
              e.stopPropagation()
              setQuery('')
            }
          }}
        />
      </label>
      <Show when={query().trim()}>
        <p class="metadata__count" role="status">
          {leafCount(shown()) === 0
            ? `No field matches “${query().trim()}”.`
            : `${leafCount(shown())} of ${total()} fields`}
        </p>
      </Show>
      <div class="metadata__tree">
        <Branch nodes={shown()} depth={0} needle={query()} />
      </div>
    </div>
  )
}
