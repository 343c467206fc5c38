import { createSignal, Show, type JSX } from 'solid-js'
import type { DropBlocked } from './drop-blocked'
import { carriesFiles } from './dropped-files'

export interface DropZoneProps {
  /** Where a drop lands, in words ("Lobby › Inbox"). */
  targetLabel: string
  /** Why nothing can take a drop now (no library folder yet, all offline); null when one can. */
  blocked: DropBlocked | null
  onDrop(transfer: DataTransfer): void
  /** A drop that could go nowhere: the zone took it (the browser must not open the file). */
  onBlockedDrop(blocked: DropBlocked): void
  children: JSX.Element
}

/**
 * Takes files dragged onto what it wraps, and says where they will go while they hover. Only
 * drags that carry files count (text or links dragged inside the page do not). When nothing can
 * take them the zone still takes the drag, so the browser never opens the file in place of the
 * app, and says why and what to do instead.
 */
export function DropZone(props: DropZoneProps) {
  const [depth, setDepth] = createSignal(0)
  const over = (): boolean => depth() > 0
  const accept = (e: DragEvent): boolean => {
    if (!carriesFiles(e.dataTransfer)) return false
    e.preventDefault()
    return true
  }
  return (
    <div
      class="drop-zone"
      data-testid="import-drop-zone"
      data-over={over() ? 'true' : undefined}
      data-blocked={props.blocked ? 'true' : undefined}
      onDragEnter={(e) => accept(e) && setDepth((d) => d + 1)}
      onDragOver={(e) => {
        if (accept(e) && !props.blocked) e.dataTransfer!.dropEffect = 'copy'
      }}
      onDragLeave={(e) => accept(e) && setDepth((d) => Math.max(0, d - 1))}
      onDrop={(e) => {
        if (!accept(e)) return
        setDepth(0)
        if (props.blocked) props.onBlockedDrop(props.blocked)
        else props.onDrop(e.dataTransfer!)
      }}
    >
      {props.children}
      <Show when={over()}>
        <div
          class="drop-zone__overlay"
          classList={{ 'drop-zone__overlay--blocked': props.blocked !== null }}
          aria-hidden="true"
        >
          <Show
            when={props.blocked}
            fallback={
              <div class="drop-zone__message">
                <strong>Drop to import</strong>
                <span>into {props.targetLabel}</span>
                <span class="drop-zone__hint">
                  Files are copied; nothing is moved or overwritten.
                </span>
              </div>
            }
          >
            {(blocked) => (
              <div class="drop-zone__message">
                <strong>Nothing can be imported now</strong>
                <span>{blocked().reason}</span>
                <span class="drop-zone__hint">{blocked().advice}</span>
              </div>
            )}
          </Show>
        </div>
      </Show>
    </div>
  )
}
