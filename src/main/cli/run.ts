import { createCore, type Core } from '../app'
import { AppError } from '../errors'
import { createLogger } from '../logger'
import { resolveDataDir } from '../paths'
import { parseCliArgs, stringOption, type ParsedArgs } from './args'
import { rootsCommand } from './commands/roots.command'
import { serveCommand } from './commands/serve.command'
import { HELP } from './help'
import { EXIT, UsageError, type CliIo } from './io'

type Command = (core: Core, args: ParsedArgs, io: CliIo) => Promise<void>

const COMMANDS: Record<string, Command> = {
  roots: rootsCommand,
  serve: serveCommand,
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let core: Core | undefined
  try {
    const args = parseCliArgs(argv)
    const name = args.positionals[0]
    if (!name || name === 'help' || args.values.help) {
      io.stdout(HELP)
      return name || args.values.help ? EXIT.ok : EXIT.usage
    }
    if (name === 'version') {
      io.stdout(
        args.values.json
          ? `${JSON.stringify({ name: 'marquee', version: __MARQUEE_VERSION__, node: process.versions.node })}\n`
          : `marquee ${__MARQUEE_VERSION__}\n`,
      )
      return EXIT.ok
    }
    const command = COMMANDS[name]
    if (!command) throw new UsageError(`Unknown command "${name}".`)
    const dataDir = resolveDataDir(stringOption(args, 'data-dir'), io.env)
    core = createCore({
      dataDir,
      face: name === 'serve' ? 'serve' : 'cli',
      workers: io.workers,
      logger: createLogger(io.env.MARQUEE_LOG_LEVEL === 'debug' ? 'debug' : 'warn', io.stderr),
    })
    await command(core, args, io)
    return EXIT.ok
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`marquee: ${error.message}\nRun 'marquee help' for usage.\n`)
      return EXIT.usage
    }
    if (error instanceof AppError) {
      io.stderr(`marquee: ${error.message}\n`)
      return EXIT.failure
    }
    io.stderr(
      `marquee: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    return EXIT.failure
  } finally {
    core?.close()
  }
}
