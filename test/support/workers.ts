import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { WorkerSpecs } from '../../src/main/workers'

// The ES module build of tsx's API (require.resolve would give the CommonJS one).
const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
const tsxApi = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href

/** Runs workers from their TypeScript sources (tests run before, and without, a build). */
export const sourceWorkers: WorkerSpecs = (name) => {
  // scan, walk and watch live in scan/
  const folder =
    name === 'media' ? 'jobs' : name === 'originals' || name === 'import' ? 'repositories' : 'scan'
  const entry = new URL(`../../src/main/${folder}/${name}.worker.ts`, import.meta.url).href
  if (name === 'media') {
    // The pool (piscina) needs a file, not code: a bootstrap that registers tsx first.
    return {
      eval: false,
      filename: new URL('./tsx-pool-worker.mjs', import.meta.url).pathname,
      bootstrap: { entry },
    }
  }
  return {
    eval: true,
    filename: `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`,
  }
}
