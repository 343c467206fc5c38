import { createSignal, Show, type JSX } from 'solid-js'
import { Banner } from '../Banner'
import type { DropBlocked } from './drop-blocked'
import { DropZone } from './DropZone'
import './import.css'

export interface RefusingDropZoneProps {
  /** Why nothing dropped here can be imported, and what to do. */
  blocked: DropBlocked
  children: JSX.Element
}

/**
 * A drop zone for a page where no import can happen (the library has no folder yet): it takes
 * dragged files so the browser does not open them, and says why nothing was imported.
 */
export function RefusingDropZone(props: RefusingDropZoneProps) {
  const [refused, setRefused] = createSignal<DropBlocked | null>(null)
  return (
    <div class="import-target">
      <Show when={refused()}>
        {(why) => (
          <Banner tone="warning" testId="import-refusal" onDismiss={() => setRefused(null)}>
            Nothing was imported: {why().reason} {why().advice}
          </Banner>
        )}
      </Show>
      <DropZone
        targetLabel=""
        blocked={props.blocked}
        onDrop={() => undefined}
        onBlockedDrop={setRefused}
      >
        {props.children}
      </DropZone>
    </div>
  )
}
