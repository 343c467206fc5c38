import { createCore } from '../app'
import { AppError, LibraryLockedError } from '../errors'
import { createLogger, teeLogger, type Logger } from '../logger'
import { resolveDataDir } from '../paths'
import { reportUnexpected } from '../process-handlers'
import { LogFileRepository } from '../repositories/log-file.repository'
import { parseCliArgs, stringOption, type ParsedArgs } from './args'
import { lsCommand, showCommand } from './commands/assets.command'
import { collectionCommand, removeAssetsCommand } from './commands/collections.command'
import { bundleCommand, exportCommand, verifyBundleCommand } from './commands/export.command'
import { dupesCommand, retryCommand, statusCommand } from './commands/jobs.command'
import { importCommand } from './commands/import.command'
import { rootsCommand } from './commands/roots.command'
import { indexCommand, scanCommand } from './commands/scan.command'
import { serveCommand } from './commands/serve.command'
import { cacheCommand } from './commands/cache.command'
import { integrationsCommand } from './commands/integrations.command'
import { graphCommand, linkCommand, unlinkCommand } from './commands/graph.command'
import { profilesCommand } from './commands/profiles.command'
import { replaceCommand } from './commands/replace.command'
import { folderTagCommand } from './commands/folder-tag.command'
import { verifyCommand } from './commands/verify.command'
import { HELP } from './help'
import { EXIT, UsageError, type CliIo, type CommandOutcome } from './io'
import { openLibrary, type Library } from './library'
import { storageSettingsFromEnv } from '../services/storage.service'

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
  import: importCommand,
  integrations: integrationsCommand,
  cache: cacheCommand,
  graph: graphCommand,
  link: linkCommand,
  unlink: unlinkCommand,
  profiles: profilesCommand,
  replace: replaceCommand,
  'folder-tag': folderTagCommand,
  verify: verifyCommand,
}

/** Commands that work on a bundle folder alone and need no library. */
const STANDALONE: Record<string, (core: null, args: ParsedArgs, io: CliIo) => Promise<boolean>> = {
  'verify-bundle': verifyBundleCommand,
  bundle: bundleCommand,
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let close: (() => Promise<void>) | undefined
  const debug = io.env.MARQUEE_LOG_LEVEL === 'debug'
  // Known with the data directory; before that, an unexpected error is told on stderr alone.
  let logFile: LogFileRepository | undefined
  let name: string | undefined
  try {
    const args = parseCliArgs(argv)
    name = args.positionals[0]
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
    logFile = new LogFileRepository(dataDir)
    // serve goes on after an error nobody caught; a one-shot command ends with exit 1.
    io.guard?.update({ logFile, goesOn: name === 'serve' })
    const logger = cliLogger(io.stderr, logFile, name === 'serve', debug)
    if (name === 'serve') {
      // serve owns the library for as long as it runs: it never joins another instance.
      const core = createCore({
        dataDir,
        face: 'serve',
        workers: io.workers,
        logger,
        storage: storageSettingsFromEnv(io.env),
      })
      close = () => core.close()
      return (await serveCommand(core, args, io)) ? EXIT.ok : EXIT.failure
    }
    const command = COMMANDS[name]
    if (!command) throw new UsageError(`Unknown command "${name}".`)
    const lib = await openLibrary({
      dataDir,
      workers: io.workers,
      logger,
      storage: storageSettingsFromEnv(io.env),
    })
    close = () => lib.close()
    // Ctrl+C stops the command cleanly: the core (if it runs here) closes, its children end,
    // the lock is released. Work handed to a running app goes on there.
    const stopped = io.untilShutdown.then(() => 'stopped' as const)
    // An error nobody caught ends the command too (the process handlers have said why), and one
    // that came while the library was opening keeps it from starting.
    if (io.guard?.hasEnded()) return EXIT.failure
    const ended = io.guard?.ended.then(() => 'ended' as const) ?? new Promise<never>(() => {})
    const outcome = await Promise.race([command(lib, args, io), stopped, ended])
    if (outcome === 'stopped') {
      io.stderr('marquee: stopped.\n')
      return EXIT.interrupted
    }
    if (outcome === 'ended') return EXIT.failure
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
    // One line on stderr; the stack goes to the log file (command names only: arguments may
    // hold paths or tokens).
    reportUnexpected(error, {
      stderr: io.stderr,
      logFile,
      debug,
      goesOn: false,
      what: `${name ? `marquee ${name}` : 'marquee'} failed unexpectedly`,
    })
    return EXIT.failure
  } finally {
    await close?.()
  }
}

/**
 * stderr gets warnings and errors (everything with MARQUEE_LOG_LEVEL=debug), and so does the log
 * file; for serve the file also keeps the info lines, the history of a long-running process.
 */
function cliLogger(
  stderr: (text: string) => void,
  logFile: LogFileRepository,
  serving: boolean,
  debug: boolean,
): Logger {
  return teeLogger(
    createLogger(debug ? 'debug' : 'warn', stderr),
    createLogger(serving ? (debug ? 'debug' : 'info') : 'warn', (line) => logFile.append(line)),
  )
}
