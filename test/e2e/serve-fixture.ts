import { test as base } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export interface Marquee {
  /** The address printed by `marquee serve`, token included. */
  url: string
  origin: string
  dataDir: string
  /** Runs the CLI against the same data directory. */
  cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>
}

const CLI = join(process.cwd(), 'out', 'main', 'cli.js')

function startServe(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) resolve({ child, url: line })
    })
    child.once('exit', (code) => reject(new Error(`marquee serve exited with ${code}: ${stderr}`)))
  })
}

export const test = base.extend<{ marquee: Marquee }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture arguments by destructuring
  marquee: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'marquee-e2e-'))
    const { child, url } = await startServe(dataDir)
    const cli: Marquee['cli'] = (...args) =>
      new Promise((resolve) => {
        const run = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...args])
        let stdout = ''
        let stderr = ''
        run.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
        run.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
        run.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
      })
    await use({ url, origin: new URL(url).origin, dataDir, cli })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'

/** Where screenshots go: an ignored folder, kept by CI as an artifact if it wants. */
export const screenshotPath = (name: string): string =>
  join('test', 'artifacts', 'screenshots', `${name}.png`)
