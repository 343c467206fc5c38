import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app } from 'electron'
import { createLogger, teeLogger } from './logger'
import { installProcessHandlers } from './process-handlers'
import { LogFileRepository } from './repositories/log-file.repository'
import { runShell } from './shell/run-shell'
import { builtWorkers } from './workers'

// The Electron entry. Paths are resolved here because this file is built to out/main/index.js,
// beside out/preload and out/renderer; shell modules could end up in chunks elsewhere.

// The app logs to stderr and to <userData>/logs/marquee.log. An error nobody caught is logged
// there and the app goes on (docs/decisions.md, "Errors nobody caught").
const debug = process.env.MARQUEE_LOG_LEVEL === 'debug'
const logFile = new LogFileRepository(app.getPath('userData'))
const logger = teeLogger(
  createLogger(debug ? 'debug' : 'info'),
  createLogger(debug ? 'debug' : 'info', (line) => logFile.append(line)),
)
installProcessHandlers(process, {
  stderr: (text) => process.stderr.write(text),
  logFile,
  debug,
  goesOn: true,
})
// Started from a desktop, stderr may lead nowhere: that must not become an error of its own.
process.stderr.on('error', () => undefined)

void runShell({
  preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
  rendererFile: fileURLToPath(new URL('../renderer/index.html', import.meta.url)),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  workers: builtWorkers(dirname(fileURLToPath(import.meta.url))),
  logger,
})
