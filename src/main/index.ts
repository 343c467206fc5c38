import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runShell } from './shell/run-shell'
import { builtWorkers } from './workers'

// The Electron entry. Paths are resolved here because this file is built to out/main/index.js,
// beside out/preload and out/renderer; shell modules could end up in chunks elsewhere.
void runShell({
  preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
  rendererFile: fileURLToPath(new URL('../renderer/index.html', import.meta.url)),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  workers: builtWorkers(dirname(fileURLToPath(import.meta.url))),
})
