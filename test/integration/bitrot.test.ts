import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { VerifyReport } from '../../src/shared/domain'
import { cli } from '../support/cli'
import { testCore } from '../support/core'
import { assetAt, indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

const png = (file: string, background: string) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background } })
    .png()
    .toFile(file)

/** Flips one byte in the middle and puts size and mtime back: what a failing disk does. */
function rot(file: string): Buffer {
  const before = statSync(file)
  const original = readFileSync(file)
  const bytes = Buffer.from(original)
  bytes[bytes.length >> 1]! ^= 0xff
  writeFileSync(file, bytes)
  utimesSync(file, before.atime, before.mtime)
  return original
}

function restore(file: string, bytes: Buffer): void {
  const before = statSync(file)
  writeFileSync(file, bytes)
  utimesSync(file, before.atime, before.mtime)
}

async function library() {
  const dataDir = tempDir('marquee-data-')
  const folder = tempDir('marquee-bitrot-')
  for (const [name, colour] of [
    ['a.png', '#204080'],
    ['b.png', '#802040'],
    ['c.png', '#408020'],
  ] as const)
    await png(join(folder, name), colour)
  const core = testCore(dataDir)
  await core.services.roots.add({ path: folder })
  await indexAndProcess(core)
  await core.close()
  return { dataDir, folder }
}

describe('the bitrot check', () => {
  it('flags a file whose bytes changed while its size and mtime did not, and never fixes it', async () => {
    const { dataDir, folder } = await library()
    const a = join(folder, 'a.png')
    const original = rot(a)
    // An ordinary edit: other bytes, other size and date. The scanner's business, not bitrot.
    writeFileSync(
      join(folder, 'b.png'),
      Buffer.concat([readFileSync(join(folder, 'b.png')), Buffer.from('x')]),
    )

    const run = await cli(['--data-dir', dataDir, 'verify', '--json'])
    expect(run.code, run.stderr).toBe(1)
    const report = JSON.parse(run.stdout) as VerifyReport
    expect(report.checked).toBe(2)
    expect(report.changed).toEqual([
      { id: expect.any(Number), path: a, expected: expect.any(String), actual: expect.any(String) },
    ])
    expect(report.changed[0]!.actual).not.toBe(report.changed[0]!.expected)
    expect(report.modified.map((f) => f.path)).toEqual([join(folder, 'b.png')])
    expect(report.unreadable).toEqual([])

    let core = testCore(dataDir)
    const flagged = assetAt(core, a)
    expect(flagged.integrity).toBe('changed')
    expect(flagged.status).toBe('ready')
    // The stored hash is the file's as indexed: nothing was silently adopted.
    expect(flagged.sha256).toBe(report.changed[0]!.expected)
    expect(flagged.metadata.integrity).toMatchObject({
      expected: flagged.sha256,
      actual: report.changed[0]!.actual,
    })
    expect(assetAt(core, join(folder, 'c.png')).integrity).toBe('ok')
    const page = await core.dispatch('assets.page', { integrity: 'changed' })
    expect(
      page.ok && (page.result as { items: Array<{ id: number }> }).items.map((r) => r.id),
    ).toEqual([flagged.id])
    await expect(
      core.services.exports.run({
        source: { assetIds: [flagged.id] },
        profile: 'fhd-h264',
        out: join(tempDir(), 'b'),
      }),
    ).rejects.toThrow(
      /^Not exported: the bytes of a\.png changed on disk while its size and date did not/,
    )
    await core.close()

    // Restored from a backup: the next check finds the bytes as hashed again.
    restore(a, original)
    const again = await cli(['--data-dir', dataDir, 'verify', '--root', folder, '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect((JSON.parse(again.stdout) as VerifyReport).changed).toEqual([])
    core = testCore(dataDir)
    expect(assetAt(core, a).integrity).toBe('ok')
  }, 60_000)

  it('checks due files in the background only while nothing else is going on', async () => {
    const { dataDir, folder } = await library()
    rot(join(folder, 'a.png'))
    const core = testCore(dataDir, { integrity: { everyMs: 0, quietMs: 60_000 } })
    const a = () => assetAt(core, join(folder, 'a.png'))
    const before = a().verifiedAt

    // Someone is using Marquee: the round does not start.
    core.services.integrity.noteActivity()
    await core.services.integrity.backgroundRound()
    expect(a().verifiedAt).toBe(before)
    expect(a().integrity).toBeNull()
    await core.close()

    // Processing is waiting (a queued job another process wrote): not now either.
    const working = testCore(dataDir, { integrity: { everyMs: 0, quietMs: 0 } })
    const job = working.db
      .prepare(
        "INSERT INTO jobs (kind, asset_id, status, created_at, updated_at) VALUES ('AssetIdentify', 2, 'queued', 1, 1)",
      )
      .run()
    await working.services.integrity.backgroundRound()
    expect(assetAt(working, join(folder, 'a.png')).integrity).toBeNull()
    working.db.prepare('DELETE FROM jobs WHERE id = ?').run(job.lastInsertRowid)
    // Nor while a first scan's files wait in the job backlog (no job row of their own yet).
    working.db
      .prepare(
        `INSERT INTO job_backlog (root_id, scan_id, after_id, last_id, priority, created_at)
         SELECT root_id, created_scan, id - 1, id, 0, 1 FROM assets WHERE id = 2`,
      )
      .run()
    await working.services.integrity.backgroundRound()
    expect(assetAt(working, join(folder, 'a.png')).integrity).toBeNull()
    working.db.prepare('DELETE FROM job_backlog').run()
    await working.close()

    const quiet = testCore(dataDir, { integrity: { everyMs: 0, quietMs: 0 } })
    await quiet.services.integrity.backgroundRound()
    const checked = assetAt(quiet, join(folder, 'a.png'))
    expect(checked.integrity).toBe('changed')
    expect(checked.verifiedAt).toBeGreaterThan(before!)
    expect(assetAt(quiet, join(folder, 'b.png')).integrity).toBe('ok')
  }, 60_000)

  it('does not re-read files checked within the interval', async () => {
    const { dataDir, folder } = await library()
    rot(join(folder, 'a.png'))
    const core = testCore(dataDir, { integrity: { quietMs: 0 } })
    await core.services.integrity.backgroundRound()
    // Hashed moments ago by the pipeline: not due for 30 days.
    expect(assetAt(core, join(folder, 'a.png')).integrity).toBeNull()
  }, 60_000)
})
