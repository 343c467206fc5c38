import { AppError, LibraryLockedError } from '../errors'
import { createLogger, teeLogger, type Logger } from '../logger'
import { resolveDataDir } from '../paths'
import { reportUnexpected } from '../process-handlers'
import { LogFileRepository } from '../repositories/log-file.repository'
import { parseCliArgs, stringOption, type ParsedArgs } from './args'
import { HELP } from './help'
import { EXIT, UsageError, type CliIo, type CommandOutcome } from './io'
import type { Library } from './library'
import { prestartWorkers, type Prestart, type WorkerSpecs } from '../workers'
import { IMPORT_COPIES, importWorkerData } from '../repositories/import-files.repository'
import { storageSettingsFromEnv } from '../services/storage.service'
import { startRescanWalk } from './early-walk'

/** A command resolves true on success, false when it reported a failure itself, or an exit code. */
type Command = (lib: Library, args: ParsedArgs, io: CliIo) => Promise<CommandOutcome>

/**
 * Each command's module is loaded when it runs, and the core (app.ts and everything it wires)
 * only by a command that opens the library here: `help`, `version`, the bundle commands and a
 * CLI that joins a running instance never compile it (docs/decisions.md, "CLI start-up").
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  roots: async () => (await import('./commands/roots.command')).rootsCommand,
  index: async () => (await import('./commands/scan.command')).indexCommand,
  scan: async () => (await import('./commands/scan.command')).scanCommand,
  ls: async () => (await import('./commands/assets.command')).lsCommand,
  show: async () => (await import('./commands/assets.command')).showCommand,
  status: async () => (await import('./commands/jobs.command')).statusCommand,
  retry: async () => (await import('./commands/jobs.command')).retryCommand,
  dupes: async () => (await import('./commands/jobs.command')).dupesCommand,
  playlist: async () =>
    (await import('./commands/collections.command')).collectionCommand('playlist'),
  album: async () => (await import('./commands/collections.command')).collectionCommand('album'),
  export: async () => (await import('./commands/export.command')).exportCommand,
  rm: async () => (await import('./commands/collections.command')).removeAssetsCommand,
  import: async () => (await import('./commands/import.command')).importCommand,
  integrations: async () => (await import('./commands/integrations.command')).integrationsCommand,
  cache: async () => (await import('./commands/cache.command')).cacheCommand,
  graph: async () => (await import('./commands/graph.command')).graphCommand,
  link: async () => (await import('./commands/graph.command')).linkCommand,
  unlink: async () => (await import('./commands/graph.command')).unlinkCommand,
  profiles: async () => (await import('./commands/profiles.command')).profilesCommand,
  replace: async () => (await import('./commands/replace.command')).replaceCommand,
  'folder-tag': async () => (await import('./commands/folder-tag.command')).folderTagCommand,
  verify: async () => (await import('./commands/verify.command')).verifyCommand,
}

/** Commands that work on a bundle folder alone and need no library. */
const STANDALONE: Record<
  string,
  () => Promise<(core: null, args: ParsedArgs, io: CliIo) => Promise<boolean>>
> = {
  'verify-bundle': async () => (await import('./commands/export.command')).verifyBundleCommand,
  bundle: async () => (await import('./commands/export.command')).bundleCommand,
}

/**
 * The threads a command will start first, started now so they boot while the core loads: an
 * import's copy lanes, or a scan's two threads (scan-threads.ts), which wait for their data.
 */
function prestartFor(
  name: string,
  workers: WorkerSpecs,
  args: ParsedArgs,
  dataDir: string,
): Prestart | undefined {
  if (name === 'import') return prestartWorkers(workers, 'import', IMPORT_COPIES, importWorkerData)
  if (name !== 'scan' && name !== 'index') return undefined
  const scan = prestartWorkers(workers, 'scan', 1, () => null)
  // A rescan of a local root has two walkers (walkerCount); `index` is most often a first scan.
  const walk = prestartWorkers(scan.specs, 'walk', name === 'scan' ? 2 : 1, () => null)
  if (name === 'scan' && args.positionals.length === 1) startRescanWalk(walk.specs, dataDir)
  return {
    specs: walk.specs,
    release: async () => void (await Promise.all([scan.release(), walk.release()])),
  }
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
    if (standalone) return (await (await standalone())(null, args, io)) ? EXIT.ok : EXIT.failure
    const dataDir = resolveDataDir(stringOption(args, 'data-dir'), io.env)
    logFile = new LogFileRepository(dataDir)
    // serve goes on after an error nobody caught; a one-shot command ends with exit 1.
    io.guard?.update({ logFile, goesOn: name === 'serve' })
    const logger = cliLogger(io.stderr, logFile, name === 'serve', debug)
    if (name === 'serve') {
      // serve owns the library for as long as it runs: it never joins another instance.
      const [{ createCore }, { serveCommand }] = await Promise.all([
        import('../app'),
        import('./commands/serve.command'),
      ])
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
    const load = COMMANDS[name]
    if (!load) throw new UsageError(`Unknown command "${name}".`)
    // An import's threads boot (~40-75 ms each) on the other core while this one loads the core.
    // So do a scan's thread and its walker, sent their data once the core knows the scan.
    const early = prestartFor(name, io.workers, args, dataDir)
    close = async () => await early?.release()
    // The command's module loads while the library opens.
    const loading = load()
    loading.catch(() => undefined)
    const { openLibrary } = await import('./library')
    const lib: Library = await openLibrary({
      dataDir,
      workers: early?.specs ?? io.workers,
      logger,
      storage: storageSettingsFromEnv(io.env),
    })
    close = async () => {
      await lib.close()
      await early?.release()
    }
    const command = await loading
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
