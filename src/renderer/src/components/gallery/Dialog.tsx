import { onMount, type JSX } from 'solid-js'

/**
 * A modal on the native <dialog>: the browser traps focus, puts the rest of the page out of
 * reach and closes it on Esc; focus returns to what had it when it closes.
 */
export function Dialog(props: {
  title: string
  testId: string
  onClose: () => void
  children: JSX.Element
}) {
  let dialog: HTMLDialogElement | undefined
  onMount(() => dialog?.showModal())
  return (
    <dialog
      ref={dialog}
      class="dialog"
      data-testid={props.testId}
      aria-labelledby={`dialog-${props.testId}`}
      onCancel={(e) => {
        e.preventDefault()
        props.onClose()
      }}
    >
      <h2 class="dialog__title" id={`dialog-${props.testId}`}>
        {props.title}
      </h2>
      {props.children}
    </dialog>
  )
}
