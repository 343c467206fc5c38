import type { Core } from '../../app'
import { allowOnly, integerOption, stringOption, type ParsedArgs } from '../args'
import type { CliIo } from '../io'
import { UsageError } from '../io'

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

/** Runs until SIGINT/SIGTERM. The URL with its token is the last line on stdout when ready. */
export async function serveCommand(core: Core, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'serve', ['port', 'host'])
  if (args.positionals.length > 1) throw new UsageError(`'serve' takes no arguments.`)
  const port = integerOption(args, 'port', 0, 65535) ?? 0
  let host = stringOption(args, 'host') ?? '127.0.0.1'
  if (host === 'localhost') host = '127.0.0.1'
  if (!LOOPBACK.has(host)) {
    io.stderr(
      `marquee: warning: serving on ${host}, not only this machine. Anyone who can reach it and ` +
        `has the token can read the library.\n`,
    )
  }
  const { startServer } = await import('../../transport/http')
  const server = await startServer({
    core,
    host,
    port,
    rendererDir: io.rendererDir,
    ...uploadLimit(io.env),
  })
  io.stdout(
    `Marquee is serving the library in ${core.paths.dataDir}\nOpen this address (Ctrl+C to stop):\n${server.url}\n`,
  )
  // CLI commands on this machine now go through this instance (see docs/cli.md).
  await core.listen()
  core.startBackground()
  await io.untilShutdown
  await server.close()
  return true
}

/** `MARQUEE_UPLOAD_LIMIT_MB` caps the size of one uploaded file (docs/cli.md). */
function uploadLimit(env: NodeJS.ProcessEnv): { maxUploadBytes?: number } {
  const mb = Number(env.MARQUEE_UPLOAD_LIMIT_MB)
  if (!env.MARQUEE_UPLOAD_LIMIT_MB) return {}
  if (!Number.isFinite(mb) || mb <= 0)
    throw new UsageError(
      `MARQUEE_UPLOAD_LIMIT_MB must be a number of megabytes above 0; got "${env.MARQUEE_UPLOAD_LIMIT_MB}".`,
    )
  return { maxUploadBytes: Math.round(mb * 1000 * 1000) }
}
