import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { installProcessHandlers, reportUnexpected } from '../../src/main/process-handlers'
import { LogFileRepository } from '../../src/main/repositories/log-file.repository'
import { tempDir } from '../support/temp'

function boom(message = 'cannot read properties of undefined'): Error {
  const error = new TypeError(message)
  error.stack = `TypeError: ${message}\n    at tick (file:///app/out/main/cli.js:10:5)`
  return error
}

function setUp(goesOn: boolean, debug = false) {
  const target = new EventEmitter()
  const logFile = new LogFileRepository(tempDir())
  let stderr = ''
  const guard = installProcessHandlers(target, {
    stderr: (text) => void (stderr += text),
    logFile,
    goesOn,
    debug,
  })
  const log = () => readFileSync(logFile.path, 'utf8')
  return { target, logFile, guard, stderr: () => stderr, log }
}

describe('the process-level handlers', () => {
  it('a one-shot command: one line on stderr, the stack in the log file, then it ends', async () => {
    const { target, logFile, guard, stderr, log } = setUp(false)
    target.emit('uncaughtException', boom())
    expect(stderr()).toBe(
      `marquee: an unexpected error happened (cannot read properties of undefined). The details are in ${logFile.path}.\n`,
    )
    expect(log()).toMatch(/error uncaught exception: TypeError: cannot read properties/)
    expect(log()).toContain('at tick (file:///app/out/main/cli.js:10:5)')
    await expect(guard.ended).resolves.toBeUndefined()
    expect(guard.hasEnded()).toBe(true)

    // What fails while it ends reaches the log, not stderr: the one line stays one line.
    target.emit('unhandledRejection', new Error('closing went wrong too'))
    expect(stderr().split('\n')).toHaveLength(2)
    expect(log()).toMatch(/unhandled promise rejection \(while ending\): Error: closing went wrong/)
  })

  it('serve and the app: they say so and go on, for rejections and exceptions alike', () => {
    const { target, logFile, guard, stderr, log } = setUp(true)
    target.emit('unhandledRejection', boom('the socket closed'))
    target.emit('uncaughtException', boom('a timer threw'))
    expect(stderr()).toBe(
      `marquee: an unexpected error happened (the socket closed). Marquee goes on; the details are in ${logFile.path}.\n` +
        `marquee: an unexpected error happened (a timer threw). Marquee goes on; the details are in ${logFile.path}.\n`,
    )
    expect(log()).toMatch(/unhandled promise rejection: TypeError: the socket closed/)
    expect(guard.hasEnded()).toBe(false)
  })

  it('learns the log file and the face once the CLI has parsed its arguments', () => {
    const target = new EventEmitter()
    let stderr = ''
    const guard = installProcessHandlers(target, {
      stderr: (text) => void (stderr += text),
      goesOn: false,
    })
    const logFile = new LogFileRepository(tempDir())
    guard.update({ logFile, goesOn: true })
    target.emit('uncaughtException', boom())
    expect(stderr).toContain(`Marquee goes on; the details are in ${logFile.path}.`)
    expect(guard.hasEnded()).toBe(false)
  })

  it('puts the stack on stderr with MARQUEE_LOG_LEVEL=debug', () => {
    const { target, stderr } = setUp(false, true)
    target.emit('uncaughtException', boom())
    expect(stderr()).toMatch(
      /^marquee: an unexpected error happened .*\nTypeError: .*\n {4}at tick/,
    )
  })

  it('copes with reasons that are not errors and with a stderr that throws', () => {
    const target = new EventEmitter()
    const guard = installProcessHandlers(target, {
      stderr: () => {
        throw new Error('EPIPE')
      },
      goesOn: true,
    })
    expect(() => target.emit('unhandledRejection', { code: 42 })).not.toThrow()
    expect(() => target.emit('unhandledRejection', undefined)).not.toThrow()
    expect(guard.hasEnded()).toBe(false)
  })
})

describe('reportUnexpected', () => {
  it('without a log file (no data directory yet), the details follow the line on stderr', () => {
    let stderr = ''
    reportUnexpected(boom(), {
      stderr: (text) => void (stderr += text),
      goesOn: false,
      what: 'marquee failed',
    })
    expect(stderr).toBe(
      'marquee: an unexpected error happened (cannot read properties of undefined). The details follow.\n' +
        'TypeError: cannot read properties of undefined\n    at tick (file:///app/out/main/cli.js:10:5)\n',
    )
  })

  it('keeps the line to one line, whatever the message', () => {
    let stderr = ''
    reportUnexpected(new Error(`first line\nsecond line ${'x'.repeat(500)}`), {
      stderr: (text) => void (stderr += text),
      logFile: new LogFileRepository(tempDir()),
      goesOn: false,
      what: 'marquee ls failed unexpectedly',
    })
    expect(stderr.split('\n')).toHaveLength(2)
    expect(stderr).toMatch(/^marquee: an unexpected error happened \(first line\)\. The details/)
    let long = ''
    reportUnexpected(new Error('y'.repeat(500)), {
      stderr: (text) => void (long += text),
      goesOn: true,
      what: 'x',
    })
    expect(long.split('\n')[0]).toMatch(
      /^marquee: an unexpected error happened \(y{199}…\)\. Marquee goes on\. The details follow\.$/,
    )
  })
})
