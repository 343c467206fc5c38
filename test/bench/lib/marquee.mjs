// Where the benchmarks keep their trees and data, and how they run Marquee and find.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, statfsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeTree, markerOf } from '../../fixtures/make-tree.mjs'
import { runTimed } from './measure.mjs'

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const cliPath = join(repo, 'out', 'main', 'cli.js')
export const quick = process.env.BENCH_QUICK === '1'
/** Trees and data directories live outside the repository; trees are kept between runs. */
export const benchDir = process.env.BENCH_DIR ?? join(tmpdir(), 'marquee-bench')

export class Skip extends Error {}

function newestMtime(dir) {
  let newest = 0
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name)
    newest = Math.max(newest, item.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

let build // undefined until tried; then null (built) or why it failed
/** Set when the benchmarks run a build older than the sources (they could not be built). */
export let staleBuild = null

/**
 * Builds out/ when it is missing or older than the sources, as bin/marquee.js does. When the
 * sources do not build (someone is mid-edit) an existing build is used, and the table says so.
 */
export function ensureBuilt() {
  if (build === undefined) {
    build = null
    const missing = !existsSync(cliPath)
    if (missing || newestMtime(join(repo, 'src')) > statSync(cliPath).mtimeMs) {
      process.stderr.write('bench: building Marquee (out/ is missing or older than src/)…\n')
      const run = spawnSync('npx', ['electron-vite', 'build'], { cwd: repo, encoding: 'utf8' })
      if (run.status !== 0) {
        const why = `the build failed: ${firstError(run.stdout + run.stderr)}`
        if (missing || !existsSync(cliPath)) build = why
        else
          staleBuild = `ran the build in out/ from ${statSync(cliPath).mtime.toISOString()}, older than src/: ${why}`
      }
    }
  }
  if (build) throw new Skip(build)
}

/** The line of build output that says what went wrong, without the stack under it. */
function firstError(output) {
  const lines = output.split('\n').map((l) => l.trim())
  const heading = lines.findIndex((l) => /^error during build/i.test(l))
  const line =
    (heading >= 0 ? lines[heading + 1] : lines.find((l) => /error/i.test(l))) ?? lines.at(-1) ?? ''
  return line.length > 200 ? `${line.slice(0, 200)}…` : line
}

/** Fails with Skip when a tool a benchmark compares against is missing. */
export function requireTool(name) {
  if (spawnSync('which', [name]).status !== 0) throw new Skip(`${name} is not installed`)
}

/** A tree of `files` files, made once and reused by later runs. */
export function tree(files) {
  const dir = join(benchDir, 'trees', `files-${files}`)
  mkdirSync(dirname(dir), { recursive: true })
  if (!existsSync(markerOf(dir))) {
    // Every file takes an inode; a tenth hold a few bytes, a block each; folders take a block.
    const { bavail, bsize, ffree } = statfsSync(dirname(dir))
    const needBytes = (files / 10 + files / 100) * 4096 * 2
    if (ffree < files * 1.2 || bavail * bsize < needBytes) {
      throw new Skip(
        `not enough room for a tree of ${files} files (${ffree} inodes, ${Math.round((bavail * bsize) / 1e6)} MB free)`,
      )
    }
  }
  return { dir, ...makeTree(files, dir) }
}

/** An empty data directory for one run. */
export function freshDataDir(name) {
  const dir = join(benchDir, 'data', name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Runs the built CLI with --json and returns its parsed output, wall time and peak RSS. */
export function marquee(dataDir, args, options = {}) {
  const run = runTimed(process.execPath, [cliPath, '--data-dir', dataDir, ...args, '--json'], {
    ...options,
    cwd: repo,
  })
  if (run.status !== 0) {
    throw new Error(`marquee ${args.join(' ')} exited with ${run.status}: ${run.stderr.trim()}`)
  }
  return { ...run, json: args[0] === 'ls' ? null : JSON.parse(run.stdout) }
}

/** One scan from `index` or `scan` output, which must have completed. */
export function onlyScan(run) {
  const scan = run.json.scans[0]
  if (scan.status !== 'completed') throw new Error(`the scan did not complete: ${scan.reason}`)
  return scan
}

/** The reference walk: what `find` needs to list every entry with size, mtime and inode. */
export function find(dir) {
  const run = runTimed('find', [dir, '-printf', '%s %T@ %i %p\\n'], { discard: true })
  if (run.status !== 0) throw new Error(`find exited with ${run.status}: ${run.stderr.trim()}`)
  return run
}
