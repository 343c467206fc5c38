/** Names the current view in the window title (and the browser tab). */
export function setDocumentTitle(view: string | null): void {
  document.title = view ? `${view} — Marquee` : 'Marquee'
}
