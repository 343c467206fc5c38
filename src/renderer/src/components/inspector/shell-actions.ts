/**
 * What the inspector can ask of the operating system. Copying works in any browser; revealing
 * an original in its folder and opening it with its default app exist only in the desktop app,
 * whose bridge takes an asset id (the main process looks the path up, so a page cannot name an
 * arbitrary file). In a browser these are undefined and their buttons are not shown.
 */

// The one place the inspector looks at the bridge: OS capabilities, not the contract (lib/api.ts).
const desktop = window.marquee?.shell

/** Resolves with null when done, else a sentence for the user (offline root, not media…). */
export type ShellAction = (assetId: number) => Promise<string | null>

export const revealInFolder: ShellAction | undefined = desktop
  ? (id) => desktop.revealAsset(id)
  : undefined

export const openWithDefaultApp: ShellAction | undefined = desktop
  ? (id) => desktop.openAsset(id)
  : undefined

/** Copies text; throws with a sentence for the user when the browser refuses. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
  } catch {
    throw new Error('The browser did not allow copying. Select the text and copy it by hand.')
  }
}
