import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MediaPool } from '../../src/main/jobs/pool'
import { tempDir } from '../support/temp'

// A stand-in media worker whose behaviour the task's path chooses.
const WORKER = `
export default async function (task) {
  if (task.path === 'exit') process.exit(3)
  if (task.path === 'throw') throw new Error('the decoder blew up')
  if (task.path === 'garbage') return 42
  if (task.path === 'half') return { ok: false }
  if (task.path === 'failed') return { ok: false, error: { code: 'UNREADABLE', message: 'not an image' } }
  return { ok: true, value: { sha256: 'ab', fingerprint: 'cd', size: 1, mtimeMs: 1, changed: false } }
}
`

const pools: MediaPool[] = []

function pool(): MediaPool {
  const filename = join(tempDir(), 'fake.worker.mjs')
  writeFileSync(filename, WORKER)
  const made = new MediaPool({ filename, eval: false }, 1)
  pools.push(made)
  return made
}

afterEach(async () => {
  for (const made of pools.splice(0)) await made.close()
})

describe('the media pool', () => {
  it('fails the one task whose worker dies or answers garbage, with a readable error', async () => {
    const media = pool()
    await expect(media.hash('exit')).rejects.toThrow(
      'The media worker failed on this file (worker exited with code: 3).',
    )
    await expect(media.hash('throw')).rejects.toThrow(
      'The media worker failed on this file (the decoder blew up).',
    )
    await expect(media.hash('garbage')).rejects.toThrow(
      'The media worker sent back a reply Marquee cannot read (42).',
    )
    await expect(media.hash('half')).rejects.toThrow(
      'The media worker sent back a reply Marquee cannot read (an object with ok).',
    )
    // The pool goes on: the next tasks get their answers.
    await expect(media.hash('failed')).resolves.toEqual({
      ok: false,
      error: { code: 'UNREADABLE', message: 'not an image' },
    })
    await expect(media.hash('fine.png')).resolves.toMatchObject({ ok: true, value: { size: 1 } })
  })

  it('lets an abort through as it is', async () => {
    const media = pool()
    const controller = new AbortController()
    controller.abort()
    await expect(media.hash('fine.png', controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    })
  })
})
