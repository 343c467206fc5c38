import { Match, Show, Switch } from 'solid-js'
import { IconPlus } from '../components/icons'
import { PageHeader } from '../components/PageHeader'
import { RootTable } from '../components/RootTable'
import { needsEmptyConfirmation } from '../lib/scan-text'
import { hrefOf } from '../stores/router.store'
import { useStore } from '../stores'
import { AddFolder } from './AddFolder'
import { EmptyLibrary, RootsLoading } from './LibraryView'
import { useScanActivity } from './scan-activity'

/** `#/folders`: the library folders themselves — add, rename, rescan, remove. */
export function FoldersView() {
  const { roots, addFolder, scans, rescans } = useStore()
  const activity = useScanActivity()
  const count = () => roots.roots.length
  let addButton: HTMLButtonElement | undefined
  let title: HTMLHeadingElement | undefined

  // Whatever had focus is gone from the page: put it somewhere sensible.
  const closeForm = (): void => {
    addFolder.hide()
    queueMicrotask(() => addButton?.focus())
  }
  const remove = (id: number): void => {
    void roots.remove(id)
    queueMicrotask(() => title?.focus())
  }

  return (
    <Switch>
      <Match when={!roots.loaded}>
        <RootsLoading />
      </Match>
      <Match when={count() === 0}>
        <EmptyLibrary />
      </Match>
      <Match when={count() > 0}>
        <PageHeader
          title="Folders"
          titleRef={(el) => (title = el)}
          description={`${count()} ${count() === 1 ? 'folder' : 'folders'}, indexed in place. Marquee never moves, renames or changes your files.`}
          actions={
            <Show when={!addFolder.open()}>
              <button
                ref={addButton}
                type="button"
                class="button button--primary"
                onClick={() => addFolder.show()}
              >
                <IconPlus />
                Add folder
              </button>
            </Show>
          }
        />
        <Show when={addFolder.open()}>
          <section class="panel add-panel" aria-label="Add a folder">
            <div class="add-panel__header">
              <h2 class="add-panel__title">Add a folder</h2>
              <button type="button" class="button button--small button--quiet" onClick={closeForm}>
                Close
              </button>
            </div>
            <AddFolder onEscape={closeForm} />
          </section>
        </Show>
        <RootTable
          roots={roots.roots}
          hrefOf={(root) => hrefOf({ name: 'root', rootId: root.id })}
          statusOf={scans.statusOf}
          activityOf={activity.of}
          announcementOf={activity.announcementOf}
          needsConfirm={(root) => needsEmptyConfirmation(root.statusReason)}
          onRename={(root, label) => void roots.rename(root.id, label)}
          onRemove={(root) => remove(root.id)}
          onRescan={(root) => void rescans.rescan(root.id)}
          onDismissOutcome={(root) => rescans.dismiss(root.id)}
        />
      </Match>
    </Switch>
  )
}
