import { createCore } from '../app'
import { AppError, LibraryLockedError } from '../errors'
import { createLogger } from '../logger'
import { resolveDataDir } from '../paths'
import { parseCliArgs, stringOption, type ParsedArgs } from './args'
import { lsCommand, showCommand } from './commands/assets.command'
import { collectionCommand, removeAssetsCommand } from './commands/collections.command'
import { bundleCommand, exportCommand, verifyBundleCommand } from './commands/export.command'
import { dupesCommand, retryCommand, statusCommand } from './commands/jobs.command'
import { rootsCommand } from './commands/roots.command'
import { indexCommand, scanCommand } from './commands/scan.command'
import { serveCommand } from './commands/serve.command'
import { HELP } from './help'
import { EXIT, UsageError, type CliIo, type CommandOutcome } from './io'
import { openLibrary, type Library } from './library'

/** A command resolves true on success, false when it reported a failure itself, or an exit code. */
type Command = (lib: Library, args: ParsedArgs, io: CliIo) => Promise<CommandOutcome>

const COMMANDS: Record<string, Command> = {
  roots: rootsCommand,
  index: indexCommand,
  scan: scanCommand,
  ls: lsCommand,
  show: showCommand,
  status: statusCommand,
  retry: retryCommand,
  dupes: dupesCommand,
  playlist: collectionCommand('playlist'),
  album: collectionCommand('album'),
  export: exportCommand,
  rm: removeAssetsCommand,
}

/** Commands that work on a bundle folder alone and need no library. */
const STANDALONE: Record<string, (core: null, args: ParsedArgs, io: CliIo) => Promise<boolean>> = {
  'verify-bundle': verifyBundleCommand,
  bundle: bundleCommand,
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let close: (() => Promise<void>) | undefined
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
    const standalone = STANDALONE[name]
    if (standalone) return (await standalone(null, args, io)) ? EXIT.ok : EXIT.failure
    const dataDir = resolveDataDir(stringOption(args, 'data-dir'), io.env)
    const logger = createLogger(io.env.MARQUEE_LOG_LEVEL === 'debug' ? 'debug' : 'warn', io.stderr)
    if (name === 'serve') {
      // serve owns the library for as long as it runs: it never joins another instance.
      const core = createCore({ dataDir, face: 'serve', workers: io.workers, logger })
      close = () => core.close()
      return (await serveCommand(core, args, io)) ? EXIT.ok : EXIT.failure
    }
    const command = COMMANDS[name]
    if (!command) throw new UsageError(`Unknown command "${name}".`)
    const lib = await openLibrary({ dataDir, workers: io.workers, logger })
    close = () => lib.close()
    // Ctrl+C stops the command cleanly: the core (if it runs here) closes, its children end,
    // the lock is released. Work handed to a running app goes on there.
    const stopped = io.untilShutdown.then(() => 'stopped' as const)
    const outcome = await Promise.race([command(lib, args, io), stopped])
    if (outcome === 'stopped') {
      io.stderr('marquee: stopped.\n')
      return EXIT.interrupted
    }
    return outcome === true ? EXIT.ok : outcome === false ? EXIT.failure : outcome
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`marquee: ${error.message}\nRun 'marquee help' for usage.\n`)
      return EXIT.usage
    }
    if (error instanceof LibraryLockedError) {
      io.stderr(`marquee: ${error.message} Stop it first, or use that one.\n`)
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
    await close?.()
  }
}
