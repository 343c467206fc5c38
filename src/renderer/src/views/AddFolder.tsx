import { AddFolderForm } from '../components/AddFolderForm'
import { useStore } from '../stores'

/** The add-folder form wired to its store. */
export function AddFolder(props: { onEscape?: () => void }) {
  const { addFolder } = useStore()
  return (
    <AddFolderForm
      path={addFolder.path()}
      label={addFolder.label()}
      kind={addFolder.kind()}
      pending={addFolder.pending()}
      error={addFolder.error()}
      added={addFolder.added()}
      canPick={addFolder.canPick}
      focusRequest={addFolder.focusRequest()}
      onPath={addFolder.setPath}
      onLabel={addFolder.setLabel}
      onKind={addFolder.setKind}
      onSubmit={() => void addFolder.submit()}
      onPick={() => void addFolder.choose()}
      onEscape={props.onEscape}
    />
  )
}
