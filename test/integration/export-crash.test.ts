import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { verifyBundle } from '../../src/main/export/verify-bundle'
import { pdfOfSize } from '../fixtures/pdf'
import { tempDir } from '../support/temp'

/** Runs the export child; kills it once `copying` has moved `killAfterBytes`, if given. */
function exportChild(
  dataDir: string,
  folder: string,
  out: string,
  killAfterBytes?: number,
): Promise<'killed' | 'exported'> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('test', 'support', 'core-child.ts'), 'export', dataDir, folder, out],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, so the kill takes its children (exiftool, ffmpeg) along.
      detached: true,
    },
  )
  let outcome: 'killed' | 'exported' = 'killed'
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'exported') outcome = 'exported'
      if (killAfterBytes === undefined || !line.startsWith('progress ')) return
      const p = JSON.parse(line.slice(9)) as { phase: string; bytes: number }
      if (p.phase === 'copying' && p.bytes >= killAfterBytes) process.kill(-child.pid!, 'SIGKILL')
    })
    child.on('exit', () => resolve(outcome))
  })
}

/** Big documents: copied as they are, so the copy takes long enough to be interrupted. */
function bigDocuments(folder: string, count: number, megabytes: number): void {
  for (let i = 0; i < count; i++) {
    writeFileSync(join(folder, `menu-${i}.pdf`), pdfOfSize(megabytes * 1024 * 1024))
  }
}

describe('an export killed with SIGKILL', () => {
  it('never leaves a manifest naming a missing object, and the rerun resumes and completes', async () => {
    const folder = tempDir('marquee-docs-')
    bigDocuments(folder, 3, 48)
    const dataDir = tempDir('marquee-data-')
    const out = join(tempDir('marquee-usb-'), 'bundle')

    expect(await exportChild(dataDir, folder, out, 60 * 1024 * 1024)).toBe('killed')
    expect(existsSync(join(out, 'manifest.json'))).toBe(false)
    expect(existsSync(join(out, 'SHA256SUMS'))).toBe(false)

    expect(await exportChild(dataDir, folder, out)).toBe('exported')
    const report = await verifyBundle(out)
    expect(report.problems).toEqual([])
    expect(report.objects).toBe(3)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    for (const m of manifest.media) expect(existsSync(join(out, m.object))).toBe(true)
    expect(existsSync(join(out, '.staging'))).toBe(false)
  }, 180_000)
})
