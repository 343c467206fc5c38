/**
 * What the inspector can ask of the operating system. Copying works in any browser; revealing a
 * file in its folder and opening it with its default app need the desktop app's bridge, which
 * does not offer them yet (`shell.reveal(path)` and `shell.open(path)` are what this expects):
 * until it does, those buttons stay hidden rather than fail.
 */
type DesktopShell = {
  reveal?: (path: string) => Promise<void>
  open?: (path: string) => Promise<void>
}

// The one place the inspector looks at the bridge: capabilities, not the contract (lib/api.ts).
const desktop = (): DesktopShell | undefined =>
  (window.marquee?.shell as DesktopShell | undefined) ?? undefined

export const revealInFolder: ((path: string) => Promise<void>) | undefined = desktop()?.reveal
  ? (path) => desktop()!.reveal!(path)
  : undefined

export const openWithDefaultApp: ((path: string) => Promise<void>) | undefined = desktop()?.open
  ? (path) => desktop()!.open!(path)
  : undefined

/** Copies text; throws with a sentence for the user when the browser refuses. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
  } catch {
    throw new Error('The browser did not allow copying. Select the text and copy it by hand.')
  }
}
