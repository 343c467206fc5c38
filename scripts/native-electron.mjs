// Builds better-sqlite3 a second time, for Electron's ABI, into native/electron-<version>/, so one
// checkout runs both the tests (Node) and the app (Electron) without a rebuild in between; see
// src/main/db/native-binding.ts. It runs as postinstall and must never fail an install: when it
// cannot build, it says so, names the command to retry, and exits 0.
//
//   node scripts/native-electron.mjs           skip when the Electron build is already there
//   node scripts/native-electron.mjs --force   rebuild it (npm run rebuild:electron)
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { homedir, tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const TAG = 'native-electron:'
const RETRY = 'npm run rebuild:electron'
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(projectRoot, 'package.json'))

/** Same layout as electronBindingPath() in src/main/db/native-binding.ts. */
export function electronBindingPath(root, electronVersion) {
  return join(root, 'native', `electron-${electronVersion}`, 'better_sqlite3.node')
}

/** The installed Electron: its version and binary, or why there is none to build for. */
export function findElectron(env = process.env) {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { missing: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' }
  let packageDir
  try {
    packageDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return { missing: 'electron/path.txt is missing' }
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist')
  const binary = join(distDir, readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { missing: `${binary} is missing` }
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
  return { version, binary }
}

/** Where npm keeps its bundled node-gyp, whichever way node and npm were installed. */
export function nodeGypCandidates(env = process.env, execPath = process.execPath) {
  const npmDirs = [
    env.npm_execpath && join(dirname(env.npm_execpath), '..'),
    join(dirname(execPath), '..', 'lib', 'node_modules', 'npm'),
    join(dirname(execPath), 'node_modules', 'npm'),
  ].filter(Boolean)
  return npmDirs.map((dir) => join(dir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: 'pipe', ...options })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`
  return { ok: result.status === 0, output }
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).join('\n')
}

/** The prebuilt binary for this Electron, if its release host is reachable. */
function tryPrebuilt(workDir, version, source) {
  // Resolved from the original package: the copy in the temp folder has no node_modules around it.
  const bin = require.resolve('prebuild-install/bin.js', { paths: [source] })
  const args = [bin, '--runtime', 'electron', '--target', version, '--arch', process.arch]
  return {
    how: 'prebuilt download',
    ...run(process.execPath, [...args, '--platform', process.platform], { cwd: workDir }),
  }
}

/** A compile against Electron's headers; npm_config_nodedir would make node-gyp use Node's. */
function tryCompile(workDir, version) {
  const nodeGyp = nodeGypCandidates().find((candidate) => existsSync(candidate))
  if (!nodeGyp)
    return { how: 'node-gyp', ok: false, output: 'node-gyp (bundled with npm) was not found' }
  const env = { ...process.env }
  for (const key of Object.keys(env))
    if (key.toLowerCase() === 'npm_config_nodedir') delete env[key]
  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${version}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${join(homedir(), '.electron-gyp')}`,
  ]
  return { how: 'node-gyp', ...run(process.execPath, args, { cwd: workDir, env }) }
}

/** Builds in a copy, so node_modules/better-sqlite3/build stays the Node build. */
function build(version, target) {
  const source = dirname(require.resolve('better-sqlite3/package.json'))
  const temp = mkdtempSync(join(tmpdir(), 'marquee-native-'))
  const workDir = join(temp, 'better-sqlite3')
  try {
    cpSync(source, workDir, {
      recursive: true,
      filter: (path) => relative(source, path).split(sep)[0] !== 'build',
    })
    const attempts = []
    for (const attempt of [tryPrebuilt, tryCompile]) {
      const result = attempt(workDir, version, source)
      attempts.push(result)
      const built = join(workDir, 'build', 'Release', 'better_sqlite3.node')
      if (result.ok && existsSync(built)) {
        mkdirSync(dirname(target), { recursive: true })
        // Copied beside the target and renamed, so a half-written binary is never loaded.
        copyFileSync(built, `${target}.part`)
        renameSync(`${target}.part`, target)
        return { ok: true, how: result.how }
      }
    }
    return { ok: false, attempts }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

function main(argv) {
  const force = argv.includes('--force')
  const electron = findElectron()
  if (electron.missing) {
    console.log(
      `${TAG} Electron binary not installed (${electron.missing}); skipping the Electron build of ` +
        'better-sqlite3 (the Node build serves tests, CLI and serve mode).',
    )
    return 0
  }
  const target = electronBindingPath(projectRoot, electron.version)
  const shown = relative(projectRoot, target)
  if (existsSync(target) && !force) {
    console.log(`${TAG} ${shown} is already built (use --force to rebuild).`)
    return 0
  }
  const result = build(electron.version, target)
  if (result.ok) {
    console.log(
      `${TAG} built better-sqlite3 for Electron ${electron.version} (${result.how}) → ${shown}`,
    )
    return 0
  }
  console.warn(`${TAG} WARNING: could not build better-sqlite3 for Electron ${electron.version}.`)
  for (const attempt of result.attempts)
    console.warn(`--- ${attempt.how}:\n${tail(attempt.output)}`)
  console.warn(
    `${TAG} tests, the CLI and serve mode are unaffected, but the desktop app cannot open its ` +
      `library until this works. Retry with: ${RETRY}`,
  )
  // Only an explicit rebuild fails loudly; an install must go on.
  return force ? 1 : 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2))
  } catch (error) {
    console.warn(
      `${TAG} WARNING: ${error instanceof Error ? error.message : error}. Retry with: ${RETRY}`,
    )
    process.exitCode = process.argv.includes('--force') ? 1 : 0
  }
}
