/**
 * The offline player every bundle carries in `player/` (docs/bundle-format.md, "The player").
 * Its static files live in `player/` and are embedded as text (scripts/embed-player.mjs), so the
 * exporter needs no resource folder at run time; `manifest.js` is made per bundle, because Chromium refuses fetch() of a file://
 * manifest.json and a script tag is the one way a page opened from a stick can read it.
 */
import type { BundleManifest } from './manifest'
import { PLAYER_CSS, PLAYER_HTML, PLAYER_JS } from './player-assets.generated'

export const PLAYER_DIR = 'player'

export interface PlayerFile {
  /** Bundle-relative, with `/`. */
  path: string
  content: string
}

/** The global player.js reads; kept in one place with the file that assigns it. */
const MANIFEST_GLOBAL = 'MARQUEE_MANIFEST'

/** The global with the widget documents (`widgets/<id>.json`), keyed by integration id. */
const WIDGETS_GLOBAL = 'MARQUEE_WIDGETS'

/**
 * manifest.js: the same JSON as manifest.json, assigned to a global, and the widget snapshots
 * beside it (a page opened from file:// can read neither JSON file).
 */
export function manifestScript(
  manifest: BundleManifest | object,
  widgets: ReadonlyArray<{ id: string }> = [],
): string {
  const script = `window.${MANIFEST_GLOBAL} = ${JSON.stringify(manifest, null, 2)}\n`
  if (widgets.length === 0) return script
  const byId = Object.fromEntries(widgets.map((w) => [w.id, w]))
  return `${script}window.${WIDGETS_GLOBAL} = ${JSON.stringify(byId, null, 2)}\n`
}

/** Every file of `player/` for this manifest; the static ones first, manifest.js last. */
export function playerFiles(
  manifest: BundleManifest,
  widgets: ReadonlyArray<{ id: string }> = [],
): PlayerFile[] {
  return [
    { path: `${PLAYER_DIR}/index.html`, content: PLAYER_HTML },
    { path: `${PLAYER_DIR}/player.css`, content: PLAYER_CSS },
    { path: `${PLAYER_DIR}/player.js`, content: PLAYER_JS },
    { path: `${PLAYER_DIR}/manifest.js`, content: manifestScript(manifest, widgets) },
  ]
}
