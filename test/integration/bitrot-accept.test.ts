import { createHash } from 'node:crypto'
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { VerifyReport } from '../../src/shared/domain'
import { cli } from '../support/cli'
import { testCore } from '../support/core'
import { assetAt, indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

/** A JPEG with a comment segment (FFFE) right after its start: text a tool may rewrite. */
async function jpegWithComment(file: string, comment: string): Promise<void> {
  const image = await sharp({
    create: { width: 64, height: 48, channels: 3, background: '#305070' },
  })
    .jpeg()
    .toBuffer()
  const text = Buffer.from(comment, 'latin1')
  const length = Buffer.alloc(2)
  length.writeUInt16BE(text.length + 2)
  writeFileSync(
    file,
    Buffer.concat([
      image.subarray(0, 2),
      Buffer.from([0xff, 0xfe]),
      length,
      text,
      image.subarray(2),
    ]),
  )
}

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('accepting the new bytes of a file the bitrot check flagged', () => {
  it('processes the file again as it is now, and the next check finds nothing', async () => {
    const dataDir = tempDir('marquee-data-')
    const folder = tempDir('marquee-bitrot-')
    const file = join(folder, 'menu.jpg')
    await jpegWithComment(file, 'price list v1')
    let core = testCore(dataDir)
    await core.services.roots.add({ path: folder })
    await indexAndProcess(core)
    const before = assetAt(core, file)
    await core.close()

    // A tool rewrote the comment and kept the file's date (as `exiftool -P` does).
    const stat = statSync(file)
    await jpegWithComment(file, 'price list v2')
    utimesSync(file, stat.atime, stat.mtime)
    const check = await cli(['--data-dir', dataDir, 'verify', '--json'])
    expect(check.code, check.stderr).toBe(1)
    expect((JSON.parse(check.stdout) as VerifyReport).changed.map((f) => f.id)).toEqual([before.id])

    const accepted = await cli(['--data-dir', dataDir, 'verify', '--accept', file, '--json'])
    expect(accepted.code, accepted.stderr).toBe(0)
    expect(JSON.parse(accepted.stdout)).toEqual({ accepted: 1 })
    core = testCore(dataDir)
    // Only flagged files are accepted: accepting again changes nothing.
    expect(await core.dispatch('assets.acceptBytes', { ids: [before.id] })).toEqual({
      ok: true,
      result: { accepted: 0 },
    })
    core.services.jobs.start()
    await core.services.jobs.idle()
    const after = assetAt(core, file)
    expect(after.id).toBe(before.id)
    expect(after.status).toBe('ready')
    expect(after.integrity).toBeNull()
    expect(after.metadata.integrity).toBeUndefined()
    expect(after.sha256).toBe(sha256Of(file))
    expect(after.sha256).not.toBe(before.sha256)
    await core.close()

    const again = await cli(['--data-dir', dataDir, 'verify', '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect((JSON.parse(again.stdout) as VerifyReport).changed).toEqual([])
  }, 60_000)
})
