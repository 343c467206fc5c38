import { Show } from 'solid-js'
import { Banner } from '../components/Banner'
import { IconLibrary } from '../components/icons'
import { KindBadge, kindText } from '../components/KindBadge'
import { PageHeader } from '../components/PageHeader'
import { RootStatus } from '../components/RootStatus'
import { hrefOf } from '../stores/router.store'
import { useStore } from '../stores'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function RootView(props: { rootId: number }) {
  const { roots } = useStore()
  const root = () => roots.byId(props.rootId)

  return (
    <Show
      when={root()}
      fallback={
        <Show when={roots.loaded} fallback={<p class="loading">Loading the library…</p>}>
          <PageHeader
            title="Folder not found"
            description="This folder is not in the library any more. It may have been removed from another window."
            actions={
              <a class="button" href={hrefOf({ name: 'library' })}>
                Back to Library
              </a>
            }
          />
        </Show>
      }
    >
      {(r) => (
        <>
          <PageHeader
            leading={<KindBadge kind={r().kind} iconOnly />}
            title={r().label}
            description={<span class="mono">{r().path}</span>}
            actions={<RootStatus root={r()} />}
          />
          <Show when={r().status === 'offline'}>
            <Banner tone="warning">{r().statusReason ?? 'This folder cannot be reached.'}</Banner>
          </Show>
          <Show when={r().notice}>{(notice) => <Banner tone="info">{notice()}</Banner>}</Show>
          <dl class="facts">
            <div>
              <dt>Kind</dt>
              <dd>
                {kindText(r().kind)}
                <Show when={r().kindSource === 'detected'}>
                  <span class="facts__note"> (detected)</span>
                </Show>
              </dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <RootStatus root={r()} />
              </dd>
            </div>
            <div>
              <dt>Last scan</dt>
              <dd>
                <Show when={r().lastScanAt} fallback="Not scanned yet">
                  {(at) => dateTime.format(at())}
                </Show>
              </dd>
            </div>
            <div>
              <dt>Added</dt>
              <dd>{dateTime.format(r().createdAt)}</dd>
            </div>
          </dl>
          <section class="panel placeholder-panel">
            <IconLibrary class="icon icon--large" />
            <p class="placeholder-panel__title">
              Media browsing for this folder arrives with indexing.
            </p>
            <p class="placeholder-panel__text">
              The folder is registered. Once Marquee can index media, its images, videos and audio
              will be listed here with thumbnails, even while the folder is offline.
            </p>
          </section>
        </>
      )}
    </Show>
  )
}
