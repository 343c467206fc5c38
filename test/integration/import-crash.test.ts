import { spawn } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { filesUnder, inboxOf, partsUnder, randomContent, sha256Of } from '../support/imports'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'
import { cli } from '../support/cli'

const MiB = 1024 * 1024

/** `marquee <args>` in a child process; resolves with its exit and output. */
function marquee(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('test', 'support', 'cli-child.ts'), ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, exited, output: () => ({ stdout, stderr }) }
}

describe('an import killed with SIGKILL', () => {
  it('leaves no .part once Marquee starts again, and --resume completes it with every byte right', async () => {
    const dataDir = tempDir('marquee-data-')
    const rootPath = tempDir('marquee-root-')
    const drop = tempDir('marquee-drop-')
    const names = ['a.mp4', 'b.mp4', 'c.mp4', 'd.mp4']
    writeTree(drop, Object.fromEntries(names.map((n) => [`Reel/${n}`, randomContent(96 * MiB)])))
    expect((await cli(['roots', 'add', rootPath, '--data-dir', dataDir])).code).toBe(0)

    const run = marquee(['import', join(drop, 'Reel'), '--into', rootPath, '--data-dir', dataDir])
    // Killed while a copy is half way: its .part is there, with some of its bytes.
    await vi.waitFor(
      () => {
        const part = partsUnder(rootPath)[0]
        expect(part && statSync(join(rootPath, part)).size).toBeGreaterThan(8 * MiB)
      },
      { timeout: 30_000, interval: 5 },
    )
    run.child.kill('SIGKILL')
    expect(await run.exited).toMatchObject({ signal: 'SIGKILL' })
    expect(partsUnder(rootPath).length).toBeGreaterThan(0)

    // Whatever command takes the library next cleans up after the dead one.
    expect(await marquee(['status', '--data-dir', dataDir]).exited).toMatchObject({ code: 0 })
    expect(partsUnder(rootPath)).toEqual([])

    const resumed = marquee(['import', '--resume', '--json', '--data-dir', dataDir])
    expect(await resumed.exited).toMatchObject({ code: 0 })
    const result = JSON.parse(resumed.output().stdout)
    const inbox = join(inboxOf(rootPath), 'Reel')
    expect(result.failed).toEqual([])
    expect(result.duplicates).toEqual([])
    expect(result.imported.map((i: { path: string }) => i.path).sort()).toEqual(
      names.map((n) => join(inbox, n)),
    )
    expect(partsUnder(rootPath)).toEqual([])
    // Nothing twice, nothing with a suffix: the interrupted file was copied again from the start.
    expect(filesUnder(rootPath)).toHaveLength(names.length)
    for (const n of names) expect(sha256Of(join(inbox, n))).toBe(sha256Of(join(drop, 'Reel', n)))
  }, 120_000)
})
