/**
 * The inspector: everything known about one asset, in tabs — General (editable title,
 * description, rating, tags; the file's facts), one tab per metadata namespace, Duplicates,
 * Similar, and Graph. Used beside the gallery and inside the viewer.
 *
 * Props: `assetId`; `details` optionally shares the viewer's cache of records (the inspector
 * makes its own otherwise).
 */
import {
  createEffect,
  createResource,
  createSignal,
  createUniqueId,
  Match,
  Show,
  Switch,
} from 'solid-js'
import { call } from '../../lib/api'
import { useStore } from '../../stores'
import { createAssetDetails, type AssetDetails } from '../../stores/viewer.store'
import { Banner } from '../Banner'
import { GeneralTab } from './GeneralTab'
import { MetadataTab } from './MetadataTab'
import { namespaceLabel, namespacesOf } from './metadata-tree'
import { GraphTab } from './GraphTab'
import { RelatedTab } from './RelatedTab'
import { ReplaceDialog } from './ReplaceDialog'
import { Tabs, type TabItem } from './Tabs'

export interface InspectorProps {
  assetId: number
  details?: AssetDetails
}

// The tab a person was reading stays open as they move from asset to asset.
let lastTab = 'general'

export function Inspector(props: InspectorProps) {
  const { roots } = useStore()
  // Not reactive on purpose: one cache for the inspector's lifetime.
  // eslint-disable-next-line solid/reactivity
  const details = props.details ?? createAssetDetails()
  const idPrefix = createUniqueId()
  const [selected, setSelected] = createSignal(lastTab)
  const [replacing, setReplacing] = createSignal(false)
  const [tags, { refetch: refetchTags }] = createResource(() => call('tags.list').catch(() => []))

  createEffect(() => void details.load(props.assetId))
  const asset = () => details.get(props.assetId)
  const isOffline = (rootId: number): boolean => roots.byId(rootId)?.status === 'offline'

  const tabs = (): TabItem[] => {
    const a = asset()
    if (!a) return [{ key: 'general', label: 'General' }]
    return [
      { key: 'general', label: 'General' },
      ...namespacesOf(a.metadata).map((ns) => ({ key: `meta:${ns}`, label: namespaceLabel(ns) })),
      { key: 'duplicates', label: 'Duplicates', count: a.duplicates.length },
      { key: 'similar', label: 'Similar', count: a.similar.length },
      { key: 'graph', label: 'Graph' },
    ]
  }
  // A tab the new asset lacks (no Streams on a photo) falls back to General.
  const current = (): string => (tabs().some((t) => t.key === selected()) ? selected() : 'general')
  const select = (key: string): void => {
    lastTab = key
    setSelected(key)
  }

  return (
    <div class="inspector" data-testid="inspector" data-asset-id={props.assetId}>
      <Show when={details.editError()}>
        {(message) => (
          <Banner tone="error" onDismiss={details.dismissEditError}>
            {message()}
          </Banner>
        )}
      </Show>
      <Show
        when={asset()}
        fallback={
          <p class="inspector__loading" role={details.failure(props.assetId) ? 'alert' : 'status'}>
            {details.failure(props.assetId) ?? 'Loading…'}
          </p>
        }
      >
        {(a) => (
          <Tabs
            idPrefix={idPrefix}
            label="Asset details"
            tabs={tabs()}
            selected={current()}
            onSelect={select}
          >
            <Switch>
              <Match when={current() === 'general'}>
                <GeneralTab
                  asset={a()}
                  rootLabel={roots.byId(a().rootId)?.label ?? null}
                  rootOffline={isOffline(a().rootId)}
                  suggestions={tags() ?? []}
                  onEdit={(patch) => void details.edit(a().id, patch)}
                  onTag={(change) => void details.tag(a().id, change).then(refetchTags)}
                  onReplace={() => setReplacing(true)}
                />
              </Match>
              <Match when={current().startsWith('meta:') && current().slice(5)}>
                {(ns) => <MetadataTab namespace={ns()} value={a().metadata[ns()]} />}
              </Match>
              <Match when={current() === 'duplicates' || current() === 'similar'}>
                <RelatedTab
                  kind={current() as 'duplicates' | 'similar'}
                  asset={a()}
                  details={details}
                  isOffline={isOffline}
                />
              </Match>
              <Match when={current() === 'graph'}>
                <GraphTab assetId={a().id} />
              </Match>
            </Switch>
          </Tabs>
        )}
      </Show>
      <Show when={replacing() && asset()}>
        {(a) => <ReplaceDialog asset={a()} onClose={() => setReplacing(false)} />}
      </Show>
    </div>
  )
}
