import { Show } from 'solid-js'
import type { ConnectionState, Face } from '../lib/api'

export interface StatusBarProps {
  connection: ConnectionState
  /** Whether this page has been connected before, so a lost connection reads "Reconnecting". */
  wasConnected: boolean
  face: Face
  rootCount: number | null
  version: string | null
  dataDir: string | null
  /** "Scanning Lobby — 12,345 files · 4,100/s"; null when no scan runs. */
  scans: string | null
  /** The same without the ticking numbers, for screen readers. */
  scansAnnouncement: string
  /** "Importing 3 of 12 files — …"; null when no import runs. */
  imports: string | null
  /** "Exporting Lobby — copying 45 % · …"; null when no export runs. */
  exports?: string | null
}

const FACE_TEXT: Record<Face, string> = {
  electron: 'Desktop app',
  serve: 'Browser (serve mode)',
}

function connectionText(state: ConnectionState, wasConnected: boolean): string {
  if (state === 'connected') return 'Connected'
  if (state === 'disconnected') return 'Disconnected'
  return wasConnected ? 'Reconnecting…' : 'Connecting…'
}

export function StatusBar(props: StatusBarProps) {
  return (
    <footer class="status-bar" data-testid="status-bar">
      <span
        class="status-bar__item status-bar__connection"
        data-testid="connection-status"
        data-state={props.connection}
        role="status"
        title={
          props.connection === 'disconnected'
            ? 'Marquee’s server cannot be reached. Marquee keeps trying; if the server was restarted, open the new address it printed.'
            : undefined
        }
      >
        <span class="status-dot" data-connection={props.connection} aria-hidden="true" />
        {connectionText(props.connection, props.wasConnected)}
      </span>
      <span class="status-bar__item">{FACE_TEXT[props.face]}</span>
      <Show when={props.rootCount !== null}>
        <span class="status-bar__item">
          {props.rootCount} {props.rootCount === 1 ? 'library folder' : 'library folders'}
        </span>
      </Show>
      <Show when={props.scans}>
        {(text) => (
          <span class="status-bar__item status-bar__scans" data-testid="scan-status">
            <span class="status-dot" data-status="scanning" aria-hidden="true" />
            <span class="status-bar__scans-text">{text()}</span>
          </span>
        )}
      </Show>
      <Show when={props.imports}>
        {(text) => (
          <span class="status-bar__item status-bar__scans" data-testid="import-status">
            <span class="status-dot" data-status="scanning" aria-hidden="true" />
            <span class="status-bar__scans-text">{text()}</span>
          </span>
        )}
      </Show>
      <Show when={props.exports}>
        {(text) => (
          <span class="status-bar__item status-bar__scans" data-testid="export-status">
            <span class="status-dot" data-status="scanning" aria-hidden="true" />
            <span class="status-bar__scans-text">{text()}</span>
          </span>
        )}
      </Show>
      <span class="visually-hidden" role="status">
        {props.scansAnnouncement}
      </span>
      <span class="status-bar__spacer" />
      <Show when={props.dataDir}>
        {(dir) => (
          <span class="status-bar__item status-bar__path" title={`Data directory: ${dir()}`}>
            <bdi>{dir()}</bdi>
          </span>
        )}
      </Show>
      <Show when={props.version}>
        {(version) => <span class="status-bar__item">Marquee {version()}</span>}
      </Show>
    </footer>
  )
}
