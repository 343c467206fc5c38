import { createEffect, onCleanup, Show } from 'solid-js'
import type { Root } from '../../../shared/domain'
import { Banner } from '../components/Banner'
import { ConfirmEmpty } from '../components/ConfirmEmpty'
import { InboxSetting } from '../components/InboxSetting'
import { IndexOverview } from '../components/IndexOverview'
import type { IndexCounts } from '../components/IndexStats'
import { KindBadge, kindText } from '../components/KindBadge'
import { OfflineNotice } from '../components/OfflineNotice'
import { PageHeader } from '../components/PageHeader'
import { RescanButton } from '../components/RescanButton'
import { RootStatus } from '../components/RootStatus'
import { VirusScanToggle } from '../components/VirusScanToggle'
import { call } from '../lib/api'
import { Announcer, ScanFeedback } from '../components/ScanFeedback'
import { formatDateTime } from '../lib/format'
import { needsEmptyConfirmation } from '../lib/scan-text'
import { hrefOf } from '../stores/router.store'
import { useStore } from '../stores'
import { useScanActivity } from './scan-activity'

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
              <a class="button" href={hrefOf({ name: 'folders' })}>
                Back to Folders
              </a>
            }
          />
        </Show>
      }
    >
      {(r) => <RootPage root={r()} />}
    </Show>
  )
}

function RootPage(props: { root: Root }) {
  const { scans, rescans, rootIndex } = useStore()
  const activity = useScanActivity()
  let title: HTMLHeadingElement | undefined

  createEffect(() => onCleanup(rootIndex.watch(props.root.id)))
  const index = () => rootIndex.of(props.root.id)
  const status = () => scans.statusOf(props.root)
  const scan = () => activity.of(props.root)
  const reason = () => (status() === 'offline' ? props.root.statusReason : null)
  const counts = (): IndexCounts | null => {
    const s = index()?.summary
    return s ? { ...s, present: s.all - s.missing } : null
  }
  const present = () => counts()?.present ?? null
  const rescanButton = () => (
    <RescanButton
      label={props.root.label}
      running={scan().running}
      offline={status() === 'offline'}
      onRescan={() => void rescans.rescan(props.root.id)}
    />
  )

  const feedback = () => (
    <ScanFeedback activity={scan()} onDismiss={() => rescans.dismiss(props.root.id)} />
  )

  return (
    <>
      <PageHeader
        leading={<KindBadge kind={props.root.kind} iconOnly />}
        title={props.root.label}
        titleRef={(el) => (title = el)}
        description={<span class="mono">{props.root.path}</span>}
        actions={
          <>
            <RootStatus root={{ status: status(), statusReason: props.root.statusReason }} />
            <a class="button" href={hrefOf({ name: 'library', rootId: props.root.id })}>
              Show in gallery
            </a>
            <Show when={status() !== 'offline'}>{rescanButton()}</Show>
          </>
        }
      />
      <Announcer text={activity.announcementOf(props.root)} />
      <Show when={reason()} fallback={feedback()}>
        {(text) => (
          <OfflineNotice reason={text()} action={rescanButton()}>
            {feedback()}
            <Show when={needsEmptyConfirmation(text())}>
              <ConfirmEmpty
                count={present()}
                running={scan().running}
                onConfirm={() => {
                  void rescans.confirmEmpty(props.root.id)
                  queueMicrotask(() => title?.focus())
                }}
              />
            </Show>
          </OfflineNotice>
        )}
      </Show>
      <Show when={props.root.notice}>{(notice) => <Banner tone="info">{notice()}</Banner>}</Show>
      <dl class="facts">
        <div>
          <dt>Kind</dt>
          <dd>
            {kindText(props.root.kind)}
            <Show when={props.root.kindSource === 'detected'}>
              <span class="facts__note"> (detected)</span>
            </Show>
          </dd>
        </div>
        <div>
          <dt>Last scan</dt>
          <dd data-testid="last-scan">
            <Show when={props.root.lastScanAt} fallback="Not scanned yet">
              {(at) => formatDateTime(at())}
            </Show>
          </dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>{formatDateTime(props.root.createdAt)}</dd>
        </div>
        <div>
          <dt>Virus scan</dt>
          <dd data-testid="virus-scan">
            <VirusScanToggle
              enabled={props.root.virusScan}
              onChange={(virusScan) =>
                call('roots.update', { id: props.root.id, virusScan }).then(() => undefined)
              }
            />
          </dd>
        </div>
      </dl>
      <InboxSetting root={props.root} />
      <IndexOverview
        counts={counts()}
        total={index()?.summary?.all ?? 0}
        files={index()?.files ?? []}
        error={index()?.error ?? null}
        scanned={props.root.lastScanAt !== null}
      />
    </>
  )
}
