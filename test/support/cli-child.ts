// The CLI from its sources in a process of its own, so a test can SIGKILL it mid-command:
//   node --import tsx test/support/cli-child.ts <marquee arguments>
import { runCli } from '../../src/main/cli/run'
import { sourceWorkers } from './workers'

// Vite defines this at build time; a child run from sources needs it set by hand.
Object.assign(globalThis, { __MARQUEE_VERSION__: '0.0.0-test' })

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: false,
  untilShutdown: new Promise(() => undefined),
  rendererDir: '',
  workers: sourceWorkers,
})
