#!/usr/bin/env node
// Starts the built CLI (out/main/cli.js). In a checkout, rebuilds first when the sources are
// newer than the build, so `npx marquee` never runs stale code.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const entry = join(root, 'out', 'main', 'cli.js')
const sources = join(root, 'src')

function newestMtime(dir) {
  let newest = 0
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name)
    newest = Math.max(newest, item.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

const stale =
  !existsSync(entry) || (existsSync(sources) && newestMtime(sources) > statSync(entry).mtimeMs)
if (stale) {
  if (!existsSync(join(root, 'node_modules', 'electron-vite'))) {
    process.stderr.write(
      'marquee: the build in out/ is missing or stale; run `npm run build:only`.\n',
    )
    process.exit(1)
  }
  process.stderr.write('marquee: building (sources changed since the last build)…\n')
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 2, 2],
    },
  )
  if (build.status !== 0) {
    process.stderr.write('marquee: the build failed; see the output above.\n')
    process.exit(1)
  }
}
await import(pathToFileURL(entry).href)
