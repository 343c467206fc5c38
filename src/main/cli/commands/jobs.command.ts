import type { QueueStatus } from '../../../shared/domain'
import { AppError } from '../../errors'
import { formatBytes } from '../../format'
import type { Library } from '../library'
import { allowOnly, type ParsedArgs } from '../args'
import type { CliIo } from '../io'
import { EXIT, UsageError, type CommandOutcome } from '../io'
import { formatCount, progressLine } from '../progress'

/** Waits until the queue is empty (processing it if no app does), with a progress line. */
export async function processQueue(lib: Library, io: CliIo, json: boolean): Promise<QueueStatus> {
  const line = progressLine(io, json)
  const stop = lib.subscribe((event, payload) => {
    if (event !== 'jobs.progress') return
    const p = payload as QueueStatus
    const eta = p.etaMs === null ? '' : `, about ${formatDuration(p.etaMs)} left`
    line.update(
      `Processing: ${formatCount(p.done)} steps done, ${formatCount(p.queued + p.running)} to go${p.failed ? `, ${p.failed} failed` : ''}${eta}`,
    )
  })
  try {
    // Processed where the library is open: here, or by the running app, whose UI shows it live.
    const status = await lib.call('jobs.wait', undefined)
    const storage = await lib.call('app.storage', undefined)
    if (storage.paused && storage.message) throw new AppError('NO_SPACE', storage.message)
    if (status.paused)
      io.stderr('Processing is paused in the running Marquee; resume it there to finish.\n')
    return status
  } finally {
    stop()
    line.clear()
  }
}

/** `status`: assets by status and the queue. */
export async function statusCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'status', ['json'])
  if (args.positionals.length > 1) throw new UsageError(`'status' takes no arguments.`)
  const status = await lib.call('jobs.status', undefined)
  const storage = await lib.call('app.storage', undefined)
  const { queued, running, failed, paused, done } = status
  // Who does the work: the running app or serve this command joined, or nobody right now.
  const owner = lib.holder ? { face: lib.holder.face, pid: lib.holder.pid } : null
  if (args.values.json) {
    io.stdout(
      `${JSON.stringify({
        assets: status.assets,
        queue: { queued, running, failed, paused, done },
        owner,
        storage: {
          dataDir: storage.dataDir,
          freeBytes: storage.freeBytes,
          lowWater: storage.lowWater,
          paused: storage.paused,
          message: storage.message,
        },
      })}\n`,
    )
  } else {
    const assets = Object.entries(status.assets).map(([s, n]) => `${formatCount(n)} ${s}`)
    const by = owner
      ? `Processing runs in ${owner.face === 'electron' ? 'the Marquee app' : `marquee ${owner.face}`} (process ${owner.pid}).`
      : `No Marquee app or serve is running: queued files wait for one, or for 'marquee index --wait'.`
    io.stdout(
      `Assets: ${assets.length ? assets.join(', ') : 'none'}\nQueue: ${formatCount(queued)} queued, ${running} running, ${failed} failed${paused ? ' (paused)' : ''}\n${by}\n` +
        `Storage: ${formatBytes(storage.freeBytes)} free in ${storage.dataDir}\n${storage.message ? `${storage.message}\n` : ''}`,
    )
  }
  return true
}

/** `retry [--failed]`: failed assets start over; `--wait` processes them now. */
export async function retryCommand(
  lib: Library,
  args: ParsedArgs,
  io: CliIo,
): Promise<CommandOutcome> {
  allowOnly(args, 'retry', ['json', 'failed', 'wait'])
  const ids = args.positionals.slice(1)
  if (ids.some((id) => !/^\d+$/.test(id)))
    throw new UsageError(`'retry' takes asset ids (or --failed for all failed ones).`)
  if (ids.length === 0 && !args.values.failed)
    throw new UsageError(`'retry' needs asset ids or --failed.`)
  const before = (await lib.call('jobs.status', undefined)).assets.failed ?? 0
  await lib.call('jobs.retry', ids.length ? { assetIds: ids.map(Number) } : {})
  const status = args.values.wait
    ? await processQueue(lib, io, args.values.json === true)
    : await lib.call('jobs.status', undefined)
  if (args.values.json)
    io.stdout(`${JSON.stringify({ requeued: ids.length || before, assets: status.assets })}\n`)
  else
    io.stdout(
      `${ids.length || before} asset(s) queued again.${args.values.wait ? '' : ' They are processed by the app, serve mode, or marquee retry --wait.'}\n`,
    )
  if (!args.values.wait || (status.assets.failed ?? 0) === 0) return true
  return someFailed(io, status.assets.failed ?? 0)
}

/** Work finished, but `count` files could not be processed: say so, and exit 3. */
export function someFailed(io: CliIo, count: number): CommandOutcome {
  io.stderr(
    `${formatCount(count)} ${count === 1 ? 'file' : 'files'} could not be processed: marquee ls --status failed\n`,
  )
  return EXIT.partial
}

/** `dupes [--similar]`: groups of identical (and similar) files. */
export async function dupesCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'dupes', ['json', 'similar'])
  const groups = await lib.call('assets.duplicates', { similar: args.values.similar === true })
  if (args.values.json) {
    io.stdout(`${JSON.stringify(groups)}\n`)
    return true
  }
  const describe = async (title: string, list: number[][]): Promise<string> => {
    if (list.length === 0) return `${title}: none\n`
    const blocks: string[] = []
    for (const group of list) {
      const paths = await Promise.all(
        group.map(async (id) => `  ${id}  ${(await lib.call('assets.get', { id })).path}`),
      )
      blocks.push(paths.join('\n'))
    }
    return `${title} (${list.length} groups):\n${blocks.join('\n\n')}\n`
  }
  io.stdout(await describe('Exact duplicates', groups.duplicates))
  if (args.values.similar) io.stdout(await describe('\nSimilar images', groups.similar))
  return true
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.round(s / 60)} min`
  return `${(s / 3600).toFixed(1)} h`
}
