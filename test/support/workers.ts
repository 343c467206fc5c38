import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { WorkerLauncher } from '../../src/main/workers'

const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href

/** Runs workers from their TypeScript sources (tests run before, and without, a build). */
export const sourceWorkers: WorkerLauncher = (name, workerData) => {
  const entry = new URL(`../../src/main/scan/${name}.worker.ts`, import.meta.url).href
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(bootstrap, { eval: true, workerData })
}
