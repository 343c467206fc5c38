import { runCli } from '../../src/main/cli/run'
import type { CliIo } from '../../src/main/cli/io'
import { tempDir } from './temp'
import { sourceWorkers } from './workers'

/** Runs one CLI invocation in this process (sources, not the build) and captures its output. */
export async function cli(args: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = {}) {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env,
    cwd,
    isTTY: false,
    untilShutdown: new Promise(() => undefined),
    rendererDir: tempDir(),
    workers: sourceWorkers,
  }
  const code = await runCli(args, io)
  return { code, stdout, stderr }
}
