import { createSignal, Show } from 'solid-js'
import type { Root } from '../../../../shared/domain'
import { plural } from '../../lib/format'
import { hrefOf } from '../../stores/router.store'
import { Banner } from '../Banner'
import { RootStatus } from '../RootStatus'
import { FolderTagsDialog } from './FolderTagsDialog'

/**
 * What the gallery shows: everything, a root or a folder, how many assets, and (for a root)
 * its state and the way to its details. An offline root says its thumbnails still show.
 */
export function GalleryHeader(props: {
  root: Root | undefined
  folder: string | null
  total: number | null
  text: string | null
}) {
  const title = () => {
    if (!props.root) return 'Library'
    return props.folder ? (props.folder.split('/').at(-1) ?? props.folder) : props.root.label
  }
  const count = () =>
    props.total === null
      ? ''
      : props.text
        ? `${plural(props.total, 'match', 'matches')} for “${props.text}”`
        : plural(props.total, 'item')
  const [tagging, setTagging] = createSignal(false)

  return (
    <>
      <header class="gallery-header">
        <h1 class="gallery-header__title" id="page-title" tabIndex={-1}>
          {title()}
        </h1>
        <span class="gallery-header__count" data-testid="gallery-count" aria-live="polite">
          {count()}
        </span>
        <Show when={props.root}>
          {(root) => (
            <>
              <Show when={props.folder}>
                <span class="gallery-header__path mono" title={`${root().path}/${props.folder}`}>
                  {root().label}/{props.folder}
                </span>
              </Show>
              <span class="gallery-header__spacer" />
              <RootStatus root={root()} />
              <a
                class="button button--small"
                href={hrefOf({
                  name: 'graph',
                  node: props.folder ? `folder:${root().id}:${props.folder}` : `root:${root().id}`,
                })}
              >
                Open in graph
              </a>
              <button
                type="button"
                class="button button--small"
                aria-haspopup="dialog"
                onClick={() => setTagging(true)}
              >
                Folder tags…
              </button>
              <a class="button button--small" href={hrefOf({ name: 'root', rootId: root().id })}>
                Folder details
              </a>
              <Show when={tagging()}>
                <FolderTagsDialog
                  rootId={root().id}
                  folder={props.folder ?? ''}
                  name={title()}
                  onClose={() => setTagging(false)}
                />
              </Show>
            </>
          )}
        </Show>
      </header>
      <Show when={props.root?.status === 'offline' ? props.root : undefined}>
        {(root) => (
          <Banner tone="warning" testId="gallery-offline">
            {root().label} is offline. Its thumbnails and previews still show; originals open when
            it is back. {root().statusReason ?? ''}
          </Banner>
        )}
      </Show>
    </>
  )
}
