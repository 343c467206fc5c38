import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCli } from './cli/run'
import { builtWorkers } from './workers'

// The CLI entry, built to out/main/cli.js and started by bin/marquee.js.
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
})
process.exitCode = code
