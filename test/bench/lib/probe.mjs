// Runs a TypeScript probe from test/bench/probes in its own Node process, through tsx.
import { join } from 'node:path'
import { repo } from './marquee.mjs'
import { runTimed } from './measure.mjs'

/** Runs `probes/<name>.probe.ts` with `args` and returns its JSON report and wall time. */
export function probe(name, args) {
  const script = join(repo, 'test', 'bench', 'probes', `${name}.probe.ts`)
  const run = runTimed(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repo })
  if (run.status !== 0) throw new Error(`probe ${name} exited with ${run.status}: ${run.stderr}`)
  return { ...JSON.parse(run.stdout.trim().split('\n').pop()), wallMs: run.ms }
}
