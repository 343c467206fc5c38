import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EXIT } from './cli/io'
import { runCli } from './cli/run'
import { installProcessHandlers } from './process-handlers'
import { builtWorkers } from './workers'

// The CLI entry, built to out/main/cli.js and started by bin/marquee.js.

// No error ends the process with a bare stack: an error nobody caught is said in one line on
// stderr, its details go to the log file once runCli knows the data directory, and a one-shot
// command ends with exit 1 (serve goes on; docs/decisions.md, "Errors nobody caught").
const guard = installProcessHandlers(process, {
  stderr: (text) => process.stderr.write(text),
  debug: process.env.MARQUEE_LOG_LEVEL === 'debug',
  goesOn: false,
})
void guard.ended.then(() => {
  process.exitCode = EXIT.failure
})
// A stderr nobody reads any more must not become an error of its own (nor loop the handlers).
process.stderr.on('error', () => undefined)

const untilShutdown = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve())
  process.once('SIGTERM', () => resolve())
})

// A reader that stops early (`marquee ls --json | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  flush: () =>
    process.stdout.writableNeedDrain
      ? new Promise((resolve) => process.stdout.once('drain', () => resolve()))
      : Promise.resolve(),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY === true,
  untilShutdown,
  rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  workers: builtWorkers(dirname(fileURLToPath(import.meta.url))),
  guard,
})
process.exitCode = guard.hasEnded() ? EXIT.failure : code
// After an error nobody caught, something may still hold the event loop: the core is closed by
// now, so do not wait on it for long.
if (guard.hasEnded()) setTimeout(() => process.exit(EXIT.failure), 2_000).unref()
