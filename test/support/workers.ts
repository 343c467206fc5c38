import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { WorkerLauncher } from '../../src/main/workers'

// The ES module build of tsx's API (require.resolve would give the CommonJS one).
const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
const tsxApi = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href

/** Runs workers from their TypeScript sources (tests run before, and without, a build). */
export const sourceWorkers: WorkerLauncher = (name, workerData) => {
  const entry = new URL(`../../src/main/scan/${name}.worker.ts`, import.meta.url).href
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(bootstrap, { eval: true, workerData })
}
