import { spawnSync } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { CliIo } from '../../src/main/cli/io'
import { runCli } from '../../src/main/cli/run'
import { installProcessHandlers } from '../../src/main/process-handlers'
import { tempDir } from '../support/temp'
import { sourceWorkers } from '../support/workers'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js')

/** Runs the built CLI, as `marquee` runs it. */
function built(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MARQUEE_LOG_LEVEL: '', ...env },
    timeout: 30_000,
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** A library whose database is not one: opening it fails in a way no code expects. */
function corruptLibrary(): string {
  const dataDir = tempDir()
  writeFileSync(
    join(dataDir, 'library.db'),
    'this is not an SQLite database, it is garbage\n'.repeat(50),
  )
  return dataDir
}

beforeAll(() => {
  // bin/marquee.js rebuilds out/ first when the sources are newer.
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'marquee.js'), 'version'], {
    encoding: 'utf8',
    timeout: 170_000,
  })
  if (run.status !== 0) throw new Error(`the build failed:\n${run.stderr}`)
}, 180_000)

describe('the built CLI, when something fails that nobody expected', () => {
  it('says so in one line, exits 1, and leaves the stack in the log file', () => {
    const dataDir = corruptLibrary()
    const result = built(['--data-dir', dataDir, 'ls'])
    const log = join(dataDir, 'logs', 'marquee.log')
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `marquee: an unexpected error happened (file is not a database). The details are in ${log}.\n`,
    })
    const details = readFileSync(log, 'utf8')
    expect(details).toMatch(
      / error marquee ls failed unexpectedly: SqliteError: file is not a database\n/,
    )
    expect(details).toMatch(/\n {4}at .*openDatabase/)
    // The library was let go of properly.
    expect(existsSync(join(dataDir, 'marquee.lock'))).toBe(false)
  })

  it('puts the stack on stderr too with MARQUEE_LOG_LEVEL=debug', () => {
    const dataDir = corruptLibrary()
    const result = built(['--data-dir', dataDir, 'status'], { MARQUEE_LOG_LEVEL: 'debug' })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^marquee: an unexpected error happened \(file is not a database\)\. The details are in .*marquee\.log\.\nSqliteError: file is not a database\n {4}at /,
    )
  })

  it('gives the details on stderr when there is no log file to take them', () => {
    const notAFolder = join(tempDir(), 'library')
    writeFileSync(notAFolder, 'a file given as the data directory')
    const result = built(['--data-dir', notAFolder, 'ls'])
    expect(result.code).toBe(1)
    const [line, ...stack] = result.stderr.split('\n')
    expect(line).toMatch(
      /^marquee: an unexpected error happened \(EEXIST: .*\)\. The details follow\.$/,
    )
    expect(stack.join('\n')).toMatch(/^Error: EEXIST.*\n {4}at /)
  })
})

describe('runCli under the process-level handlers', () => {
  function io(guard: CliIo['guard'], untilShutdown = new Promise<void>(() => undefined)) {
    const out = { stdout: '', stderr: '' }
    const cliIo: CliIo = {
      stdout: (text) => void (out.stdout += text),
      stderr: (text) => void (out.stderr += text),
      env: {},
      cwd: process.cwd(),
      isTTY: false,
      untilShutdown,
      rendererDir: tempDir(),
      workers: sourceWorkers,
      guard,
    }
    return { cliIo, out }
  }

  it('ends a one-shot command with exit 1 on an error nobody caught, closing the library', async () => {
    const dataDir = tempDir()
    const fakeProcess = new EventEmitter()
    let stderr = ''
    const guard = installProcessHandlers(fakeProcess, {
      stderr: (text) => void (stderr += text),
      goesOn: false,
    })
    const { cliIo, out } = io(guard)
    const running = runCli(['--data-dir', dataDir, 'status'], cliIo)
    // runCli has parsed its arguments and is opening the library: a timer somewhere throws.
    fakeProcess.emit('uncaughtException', new Error('a timer threw'))
    expect(await running).toBe(1)
    const log = join(dataDir, 'logs', 'marquee.log')
    expect(stderr).toBe(
      `marquee: an unexpected error happened (a timer threw). The details are in ${log}.\n`,
    )
    expect(out).toEqual({ stdout: '', stderr: '' })
    expect(readFileSync(log, 'utf8')).toMatch(
      /error uncaught exception: Error: a timer threw\n {4}at /,
    )
    expect(existsSync(join(dataDir, 'marquee.lock'))).toBe(false)
  })

  it('keeps serve running after an unhandled rejection', async () => {
    const dataDir = tempDir()
    const fakeProcess = new EventEmitter()
    let stderr = ''
    const guard = installProcessHandlers(fakeProcess, {
      stderr: (text) => void (stderr += text),
      goesOn: false,
    })
    let stop = (): void => undefined
    const { cliIo, out } = io(guard, new Promise<void>((resolve) => (stop = resolve)))
    const running = runCli(['--data-dir', dataDir, 'serve', '--port', '0'], cliIo)
    await vi.waitFor(() => expect(out.stdout).toContain('http://'), { timeout: 15_000 })

    fakeProcess.emit('unhandledRejection', new Error('a client went away'))
    const log = join(dataDir, 'logs', 'marquee.log')
    expect(stderr).toBe(
      `marquee: an unexpected error happened (a client went away). Marquee goes on; the details are in ${log}.\n`,
    )
    expect(guard.hasEnded()).toBe(false)
    const url = out.stdout.trim().split('\n').at(-1)!
    expect((await fetch(url, { redirect: 'manual' })).status).toBeLessThan(400)

    stop()
    expect(await running).toBe(0)
  })
})
