import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { landscapeVideo, portraitVideo } from '../fixtures/media'
import { outPath, photoLike } from '../fixtures/media-tools'
import { tempDir } from '../support/temp'

// The built CLI, as a user runs it (npm test builds before it runs these tests).
const CLI = join(process.cwd(), 'out', 'main', 'cli.js')

interface Run {
  code: number
  stdout: string
  stderr: string
}

function marquee(dataDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...args])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

const serving: ChildProcess[] = []
afterEach(async () => {
  for (const child of serving.splice(0)) {
    if (child.exitCode !== null) continue
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
})

/** `marquee serve`, resolved once it prints its address; its stderr is kept for the test. */
function serve(dataDir: string): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'], {
    env: { ...process.env, MARQUEE_LOG_LEVEL: 'debug' },
  })
  serving.push(child)
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('http://127.0.0.1:')) resolve({ child, stderr: () => stderr })
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
}

describe('serve and the CLI on one library', () => {
  it('processes everything exactly once while 20 CLI commands run against it', async () => {
    expect(existsSync(CLI), `${CLI} is missing: run npm run build:only first`).toBe(true)
    const media = tempDir()
    for (let i = 0; i < 60; i++) {
      const path = await outPath(media, `photos/photo-${String(i).padStart(2, '0')}.jpg`)
      await (await photoLike(320, 240, 500 + i)).jpeg({ quality: 80 }).toFile(path)
    }
    await landscapeVideo(media, 'videos/landscape.mp4')
    await portraitVideo(media, 'videos/portrait.mp4')
    const dataDir = tempDir()
    const server = await serve(dataDir)
    // A file a running job could be writing: nobody but its owner may empty cache/tmp.
    const inFlight = join(dataDir, 'cache', 'tmp', 'in-flight.webp')
    writeFileSync(inFlight, 'partial')

    const added = await marquee(dataDir, ['roots', 'add', media, '--json'])
    expect(added.code, added.stderr).toBe(0)
    const photo = join(media, 'photos', 'photo-07.jpg')
    const commands: string[][] = [
      ['status', '--json'],
      ['ls', '--json'],
      ['roots', 'ls', '--json'],
      ['ls', '--status', 'queued'],
      ['scan', '--json'],
      ['status'],
      ['dupes', '--json'],
      ['ls', '--type', 'video', '--json'],
      ['playlist', 'create', 'Lobby'],
      ['jobs-that-do-not-exist'],
      ['ls', '--query', 'photo-1', '--json'],
      ['roots', 'ls'],
      ['status', '--json'],
      ['album', 'create', 'Promo'],
      ['ls', '--limit', '5'],
      ['scan'],
      ['dupes', '--similar', '--json'],
      ['ls', '--root', media, '--json'],
      ['playlist', 'ls', '--json'],
      ['status', '--json'],
    ]
    // Four at a time, as scripts and people would, while serve processes.
    const results: Run[] = []
    for (let i = 0; i < commands.length; i += 4)
      results.push(...(await Promise.all(commands.slice(i, i + 4).map((c) => marquee(dataDir, c)))))
    results.forEach((run, i) => {
      const usage = commands[i]![0] === 'jobs-that-do-not-exist'
      expect(run.code, `${commands[i]!.join(' ')}: ${run.stderr}`).toBe(usage ? 2 : 0)
    })

    // Waits on serve's own queue, through the socket, and then adds a processed photo.
    const waited = await marquee(dataDir, ['index', media, '--wait', '--json'])
    expect(waited.code, waited.stderr).toBe(0)
    expect(JSON.parse(waited.stdout).assets).toEqual({ ready: 62 })
    const playlist = await marquee(dataDir, ['playlist', 'add', 'Lobby', photo, '--duration', '8'])
    expect(playlist.code, playlist.stderr).toBe(0)

    const status = JSON.parse((await marquee(dataDir, ['status', '--json'])).stdout)
    expect(status.assets).toEqual({ ready: 62 })
    expect(status.owner).toMatchObject({ face: 'serve', pid: server.child.pid })
    // identify, hash, metadata, thumbnails per photo; and a preview per video: once each.
    expect(status.queue).toMatchObject({ queued: 0, running: 0, failed: 0, done: 60 * 4 + 2 * 5 })
    expect(existsSync(inFlight)).toBe(true)
    expect(server.stderr()).not.toMatch(/queued again|interrupted/)
  }, 120_000)
})
