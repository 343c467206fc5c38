import { spawn } from 'node:child_process'

/**
 * Opens an address in the system browser from a headless face (the CLI): `xdg-open` on Linux,
 * `open` on macOS, `start` on Windows. False when there is no such program or it failed; the
 * caller has printed the address anyway.
 */
export class BrowserRepository {
  open(url: string): Promise<boolean> {
    const [command, args] =
      process.platform === 'darwin'
        ? ['open', [url]]
        : process.platform === 'win32'
          ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
          : ['xdg-open', [url]]
    return new Promise((resolve) => {
      try {
        const child = spawn(command, args, { stdio: 'ignore', detached: true })
        child.once('error', () => resolve(false))
        child.once('spawn', () => {
          child.unref()
          resolve(true)
        })
      } catch {
        resolve(false)
      }
    })
  }
}
