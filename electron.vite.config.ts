import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import solid from 'vite-plugin-solid'

const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as {
  version: string
}
const define = { __MARQUEE_VERSION__: JSON.stringify(pkg.version) }

export default defineConfig({
  main: {
    define,
    build: {
      // Bundled rather than loaded from node_modules: zod's package is ~100 files (65 locales)
      // that every CLI run resolved and compiled (~45 ms CPU) before doing anything; bundled,
      // only what the schemas use is in the build. `ignore` (CommonJS, loaded by the main
      // thread, the scan worker and the walker) cost a CLI run another ~45 ms CPU. Not strtok3:
      // file-type (external) checks `instanceof` against its own copy's error classes.
      externalizeDeps: { exclude: ['zod', 'ignore'] },
      rollupOptions: {
        // The Electron shell and the CLI (which also runs serve mode) share one core.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          'scan.worker': resolve(__dirname, 'src/main/scan/scan.worker.ts'),
          'walk.worker': resolve(__dirname, 'src/main/scan/walk.worker.ts'),
          'media.worker': resolve(__dirname, 'src/main/jobs/media.worker.ts'),
          'watch.worker': resolve(__dirname, 'src/main/scan/watch.worker.ts'),
          'originals.worker': resolve(__dirname, 'src/main/repositories/originals.worker.ts'),
          'import.worker': resolve(__dirname, 'src/main/repositories/import.worker.ts'),
        },
      },
    },
  },
  preload: {
    define,
    build: {
      rollupOptions: {
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    define,
    root: resolve(__dirname, 'src/renderer'),
    plugins: [solid()],
    build: {
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
})
