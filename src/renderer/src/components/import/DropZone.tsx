import { createSignal, Show, type JSX } from 'solid-js'
import { carriesFiles } from './dropped-files'

export interface DropZoneProps {
  /** Where a drop lands, in words ("Lobby › Inbox"). */
  targetLabel: string
  /** False while nothing can take a drop (no library folder yet). */
  enabled: boolean
  onDrop(transfer: DataTransfer): void
  children: JSX.Element
}

/**
 * Takes files dragged onto what it wraps, and says where they will go while they hover. Only
 * drags that carry files count (text or links dragged inside the page do not).
 */
export function DropZone(props: DropZoneProps) {
  const [depth, setDepth] = createSignal(0)
  const over = (): boolean => depth() > 0
  const accept = (e: DragEvent): boolean => {
    if (!props.enabled || !carriesFiles(e.dataTransfer)) return false
    e.preventDefault()
    return true
  }
  return (
    <div
      class="drop-zone"
      data-testid="import-drop-zone"
      data-over={over() ? 'true' : undefined}
      onDragEnter={(e) => accept(e) && setDepth((d) => d + 1)}
      onDragOver={(e) => {
        if (accept(e)) e.dataTransfer!.dropEffect = 'copy'
      }}
      onDragLeave={(e) => accept(e) && setDepth((d) => Math.max(0, d - 1))}
      onDrop={(e) => {
        if (!accept(e)) return
        setDepth(0)
        props.onDrop(e.dataTransfer!)
      }}
    >
      {props.children}
      <Show when={over()}>
        <div class="drop-zone__overlay" aria-hidden="true">
          <div class="drop-zone__message">
            <strong>Drop to import</strong>
            <span>into {props.targetLabel}</span>
            <span class="drop-zone__hint">Files are copied; nothing is moved or overwritten.</span>
          </div>
        </div>
      </Show>
    </div>
  )
}
