import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { AppError } from '../errors'
import {
  clamdSocketOf,
  clamdscanArgs,
  clamErrorOf,
  clamscanArgs,
  parseClamOutput,
  type ClamVerdict,
} from '../media/clamav'
import { onPath } from './binaries'

/** The sentence a file fails with while ClamAV is missing and its root asks for scans. */
export const CLAMAV_INSTALL_HINT =
  'Virus scanning is on for this library folder, but ClamAV is not installed: sudo apt-get install clamav (then sudo freshclam) / brew install clamav (or set CLAMSCAN_PATH), then retry the failed assets (marquee retry --failed).'

const CLAMD_CONFIGS = [
  '/etc/clamav/clamd.conf',
  '/usr/local/etc/clamav/clamd.conf',
  '/opt/homebrew/etc/clamav/clamd.conf',
]
/** A clamd that answers PING is used for this long before it is asked again. */
const CLAMD_RECHECK_MS = 60_000
const PING_TIMEOUT_MS = 1_000
const OUTPUT_BYTES = 1024 * 1024

export interface ClamavSettings {
  clamscan: string | undefined
  clamdscan: string | undefined
  /** clamd.conf to read the socket from (and hand to clamdscan). */
  clamdConfig: string | undefined
  /** Signatures to use instead of the system's (`clamscan --database`); clamd is then not used. */
  database: string | undefined
}

export interface ClamScan {
  verdict: ClamVerdict
  engine: 'clamdscan' | 'clamscan'
}

/** CLAMSCAN_PATH / CLAMDSCAN_PATH / CLAMD_CONF / MARQUEE_CLAMAV_DATABASE, else the system's. */
export function clamavSettings(env: NodeJS.ProcessEnv = process.env): ClamavSettings {
  return {
    clamscan: env.CLAMSCAN_PATH || onPath('clamscan', env),
    clamdscan: env.CLAMDSCAN_PATH || onPath('clamdscan', env),
    clamdConfig: env.CLAMD_CONF || CLAMD_CONFIGS.find(readable),
    database: env.MARQUEE_CLAMAV_DATABASE || undefined,
  }
}

/**
 * Scans one file with ClamAV: through `clamdscan` when a clamd answers on its socket (its
 * signatures stay loaded, a file takes milliseconds), else with `clamscan`, which loads the
 * signatures for every file (seconds with the official database).
 */
export class ClamavRepository {
  private clamdUntil = 0
  private clamdUp = false
  private readonly stop = new AbortController()

  constructor(private readonly settings: ClamavSettings) {}

  async scan(path: string, timeoutMs: number, signal?: AbortSignal): Promise<ClamScan> {
    const engine = (await this.clamdAnswers()) ? 'clamdscan' : 'clamscan'
    const program = engine === 'clamdscan' ? this.settings.clamdscan! : this.settings.clamscan
    if (!program) throw new AppError('UNAVAILABLE', `clamscan not found. ${CLAMAV_INSTALL_HINT}`)
    const args =
      engine === 'clamdscan'
        ? clamdscanArgs(path, this.settings.clamdConfig!)
        : clamscanArgs(path, this.settings.database)
    const { code, stdout, stderr } = await run(program, args, timeoutMs, [signal, this.stop.signal])
    const verdict = parseClamOutput(stdout, code)
    if (verdict) return { verdict, engine }
    const reason = clamErrorOf(stderr)
    if (/No supported database|cli_loaddb/i.test(stderr))
      throw new AppError(
        'UNAVAILABLE',
        `ClamAV has no virus signatures to scan with (${reason}). Run sudo freshclam, then retry the failed assets (marquee retry --failed).`,
      )
    throw new AppError(
      'UNAVAILABLE',
      `${engine} could not scan this file (exit code ${code}: ${reason}).`,
    )
  }

  /** Stops every running scan (Marquee is closing). */
  close(): void {
    this.stop.abort(
      new AppError('CANCELLED', 'The virus scan was stopped because Marquee is closing.'),
    )
  }

  private async clamdAnswers(): Promise<boolean> {
    const { clamdscan, clamdConfig, database } = this.settings
    // clamd keeps its own signatures: a database of our own can only be used by clamscan.
    if (!clamdscan || !clamdConfig || database) return false
    if (Date.now() < this.clamdUntil) return this.clamdUp
    const socket = clamdSocketOf(readText(clamdConfig))
    this.clamdUp = socket !== null && (await ping(socket))
    this.clamdUntil = Date.now() + CLAMD_RECHECK_MS
    return this.clamdUp
  }
}

function readable(path: string): boolean {
  return readText(path) !== ''
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

/** Whether clamd answers `PING` with `PONG` on its socket within a second. */
function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const client = connect(socket)
    let answer = ''
    const done = (up: boolean) => {
      client.destroy()
      resolve(up)
    }
    client.setTimeout(PING_TIMEOUT_MS, () => done(false))
    client.on('error', () => done(false))
    client.on('connect', () => client.write('zPING\0'))
    client.on('data', (chunk) => {
      answer += chunk.toString('utf8')
      if (answer.includes('PONG')) done(true)
    })
    client.on('end', () => done(answer.includes('PONG')))
  })
}

interface Ran {
  code: number
  stdout: string
  stderr: string
}

/** Runs a scanner; exit codes 1 (infected) and 2 (error) are answers, not exceptions. */
function run(
  program: string,
  args: string[],
  timeoutMs: number,
  signals: Array<AbortSignal | undefined>,
): Promise<Ran> {
  const signal = AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined))
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        signal,
        maxBuffer: OUTPUT_BYTES,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr })
        const failure = error as NodeJS.ErrnoException & { code?: unknown; killed?: boolean }
        if (failure.code === 'ENOENT')
          return reject(
            new AppError('UNAVAILABLE', `${program} was not found. ${CLAMAV_INSTALL_HINT}`),
          )
        if (signal.aborted) return reject(signal.reason as Error)
        if (failure.killed)
          return reject(
            new AppError(
              'UNAVAILABLE',
              `The virus scan took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`,
            ),
          )
        if (typeof failure.code === 'number') return resolve({ code: failure.code, stdout, stderr })
        reject(error)
      },
    )
  })
}
