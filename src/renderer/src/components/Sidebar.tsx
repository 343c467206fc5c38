import { For, Show, type JSX } from 'solid-js'
import type { FolderNode, Root, RootStatus as Status } from '../../../shared/domain'
import { hrefOf, type Route } from '../stores/router.store'
import { ExpandButton, FolderTree } from './gallery/FolderTree'
import { KindBadge } from './KindBadge'
import { RootStatus } from './RootStatus'
import {
  IconCollections,
  IconExports,
  IconIntegrations,
  IconLibrary,
  IconDrive,
  IconPlus,
  IconProfiles,
  LogoMark,
} from './icons'

/** The folder trees of the roots, fetched when a root is first expanded. */
export interface SidebarFolders {
  treeOf: (rootId: number) => FolderNode | undefined
  errorOf: (rootId: number) => string | undefined
  isOpen: (rootId: number, folder: string) => boolean
  onToggle: (rootId: number, folder: string) => void
}

export interface SidebarProps {
  roots: readonly Root[]
  loaded: boolean
  /** The status to show (a quick re-check of an offline folder still shows "Offline"). */
  statusOf: (root: Root) => Status
  isCurrent: (route: Route) => boolean
  addLabel: string
  onAddFolder: () => void
  folders: SidebarFolders
  /** Under the sections: the playlists and albums. */
  children?: JSX.Element
}

const SECTIONS = [
  { route: { name: 'collections' }, label: 'Collections', icon: IconCollections },
  { route: { name: 'integrations' }, label: 'Integrations', icon: IconIntegrations },
  { route: { name: 'exports' }, label: 'Exports', icon: IconExports },
  { route: { name: 'profiles' }, label: 'Player profiles', icon: IconProfiles },
] as const satisfies readonly { route: Route; label: string; icon: unknown }[]

export function Sidebar(props: SidebarProps) {
  const current = (route: Route) => (props.isCurrent(route) ? 'page' : undefined)

  return (
    <aside class="sidebar" data-testid="sidebar">
      <div class="sidebar__brand">
        <LogoMark />
        <span class="sidebar__name">Marquee</span>
      </div>
      <nav class="sidebar__nav" aria-label="Main">
        <a
          class="nav-item"
          href={hrefOf({ name: 'library' })}
          aria-current={current({ name: 'library' })}
        >
          <IconLibrary />
          <span class="nav-item__label">Library</span>
        </a>
        <ul class="root-list" data-testid="root-list" aria-label="Library folders">
          <For each={props.roots}>
            {(root) => (
              <li class="root-list__item">
                <ExpandButton
                  open={props.folders.isOpen(root.id, '')}
                  label={root.label}
                  depth={0}
                  onToggle={() => props.folders.onToggle(root.id, '')}
                />
                <a
                  class="nav-item nav-item--root"
                  href={hrefOf({ name: 'library', rootId: root.id })}
                  aria-current={current({ name: 'library', rootId: root.id })}
                  data-testid="root-item"
                  data-root-id={root.id}
                  data-status={root.status}
                  title={`${root.path}${root.statusReason ? `\n${root.statusReason}` : ''}`}
                >
                  <KindBadge kind={root.kind} iconOnly />
                  <span class="nav-item__label">{root.label}</span>
                  <RootStatus
                    root={{ status: props.statusOf(root), statusReason: root.statusReason }}
                    compact
                  />
                </a>
                <Show when={props.folders.isOpen(root.id, '')}>
                  <Show
                    when={props.folders.treeOf(root.id)}
                    fallback={
                      <p class="folder-tree__more">
                        {props.folders.errorOf(root.id) ?? 'Loading folders…'}
                      </p>
                    }
                  >
                    {(tree) => (
                      <FolderTree
                        rootId={root.id}
                        node={tree()}
                        depth={1}
                        isOpen={props.folders.isOpen}
                        isCurrent={(rootId, folder) =>
                          props.isCurrent({ name: 'library', rootId, folder })
                        }
                        onToggle={props.folders.onToggle}
                      />
                    )}
                  </Show>
                </Show>
              </li>
            )}
          </For>
        </ul>
        <button type="button" class="nav-item nav-item--action" onClick={() => props.onAddFolder()}>
          <IconPlus />
          <span class="nav-item__label">{props.addLabel}</span>
        </button>
        <div class="sidebar__divider" role="presentation" />
        <a
          class="nav-item"
          href={hrefOf({ name: 'folders' })}
          aria-current={current({ name: 'folders' })}
        >
          <IconDrive />
          <span class="nav-item__label">Folders</span>
          <Show when={props.loaded}>
            <span class="nav-item__count" aria-label={`${props.roots.length} folders`}>
              {props.roots.length}
            </span>
          </Show>
        </a>
        <For each={SECTIONS}>
          {(section) => (
            <a class="nav-item" href={hrefOf(section.route)} aria-current={current(section.route)}>
              <section.icon />
              <span class="nav-item__label">{section.label}</span>
            </a>
          )}
        </For>
        {props.children}
      </nav>
    </aside>
  )
}
