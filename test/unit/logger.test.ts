import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger, formatLine, teeLogger } from '../../src/main/logger'
import { LogFileRepository } from '../../src/main/repositories/log-file.repository'
import { tempDir } from '../support/temp'

const read = (path: string): string => readFileSync(path, 'utf8')

describe('the log file', () => {
  it('appends lines to <dataDir>/logs/marquee.log, creating logs/ only', () => {
    const dataDir = tempDir()
    const log = new LogFileRepository(dataDir)
    expect(log.path).toBe(join(dataDir, 'logs', 'marquee.log'))
    expect(log.append('one\n')).toBe(true)
    expect(new LogFileRepository(dataDir).append('two\n')).toBe(true)
    expect(read(log.path)).toBe('one\ntwo\n')

    // A data directory that does not exist (a mistyped --data-dir) is not created for a log.
    const missing = join(tempDir(), 'no-such-library')
    expect(new LogFileRepository(missing).append('lost\n')).toBe(false)
    expect(existsSync(missing)).toBe(false)
  })

  it('sets a full file aside as marquee.1.log and keeps two old files', () => {
    const dataDir = tempDir()
    const log = new LogFileRepository(dataDir, { maxBytes: 20, keep: 2 })
    const lines = ['line 1 .......\n', 'line 2 .......\n', 'line 3 .......\n', 'line 4 .......\n']
    for (const line of lines) expect(log.append(line)).toBe(true)
    const logs = join(dataDir, 'logs')
    expect(read(log.path)).toBe(lines[3])
    expect(read(join(logs, 'marquee.1.log'))).toBe(lines[2])
    expect(read(join(logs, 'marquee.2.log'))).toBe(lines[1])
    expect(existsSync(join(logs, 'marquee.3.log'))).toBe(false)
  })

  it('sees a rotation done by another process on the same library', () => {
    const dataDir = tempDir()
    const limits = { maxBytes: 40, keep: 1 }
    const serve = new LogFileRepository(dataDir, limits)
    const cli = new LogFileRepository(dataDir, limits)
    serve.append('serve 1 ......\n')
    serve.append('serve 2 ......\n') // 30 bytes
    cli.append('cli 1 ........\n') // would make 45: the CLI sets the file aside
    // serve counts 45 now, looks, finds 15: no second rotation, nothing of the first file lost.
    serve.append('serve 3 ......\n')
    expect(read(serve.path)).toBe('cli 1 ........\nserve 3 ......\n')
    expect(read(join(dataDir, 'logs', 'marquee.1.log'))).toBe('serve 1 ......\nserve 2 ......\n')
  })

  it('answers false and never throws when the file cannot be written, then recovers', () => {
    const dataDir = tempDir()
    writeFileSync(join(dataDir, 'logs'), 'a file where the folder should be')
    const log = new LogFileRepository(dataDir)
    expect(log.append('lost\n')).toBe(false)
    rmSync(join(dataDir, 'logs'))
    mkdirSync(log.path, { recursive: true }) // a folder where the file should be
    expect(log.append('lost\n')).toBe(false)
    rmSync(log.path, { recursive: true })
    expect(log.append('back\n')).toBe(true)
    expect(read(log.path)).toBe('back\n')
  })

  it.skipIf(process.platform !== 'linux')('drops lines on a full disk (/dev/full)', () => {
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'logs'))
    symlinkSync('/dev/full', join(dataDir, 'logs', 'marquee.log'))
    const log = new LogFileRepository(dataDir)
    expect(log.append('no room\n')).toBe(false)
    const stderr: string[] = []
    const logger = teeLogger(
      createLogger('warn', (line) => stderr.push(line)),
      createLogger('info', (line) => log.append(line)),
    )
    expect(() => logger.error('the disk is full', new Error('ENOSPC'))).not.toThrow()
    expect(stderr).toHaveLength(1)
    expect(stderr[0]).toMatch(/error the disk is full Error: ENOSPC/)
  })
})

describe('the logger', () => {
  it('never throws, whatever its write function or the detail does', () => {
    const logger = createLogger('debug', () => {
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })
    })
    expect(() => logger.error('failed', new Error('x'))).not.toThrow()
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const lines: string[] = []
    expect(() => createLogger('info', (l) => lines.push(l)).info('odd', circular)).not.toThrow()
    expect(lines[0]).toMatch(/info {2}odd \[object Object\]\n$/)
    expect(formatLine('warn', 'n', 10n)).toMatch(/warn {2}n 10\n$/)
  })

  it('writes each sink of a tee at its own level', () => {
    const stderr: string[] = []
    const file: string[] = []
    const logger = teeLogger(
      createLogger('warn', (line) => stderr.push(line)),
      createLogger('info', (line) => file.push(line)),
    )
    logger.debug('hidden')
    logger.info('queue resumed')
    logger.warn('root offline')
    expect(stderr.map((l) => l.slice(25))).toEqual(['warn  root offline\n'])
    expect(file.map((l) => l.slice(25))).toEqual(['info  queue resumed\n', 'warn  root offline\n'])
  })
})
