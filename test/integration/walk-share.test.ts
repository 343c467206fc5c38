import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MessagePort, Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { transfers, walkChannels } from '../../src/main/scan/scan-threads'
import {
  FLOW_FILES_TAKEN,
  FLOW_FOLDERS_SENT,
  FLOW_FOLDERS_TAKEN,
} from '../../src/main/scan/walk-flow'
import type { WalkMessage } from '../../src/main/scan/walk.worker'
import { startWorker } from '../../src/main/workers'
import { tempDir } from '../support/temp'
import { sourceWorkers } from '../support/workers'

const started: Worker[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((worker) => worker.terminate()))
})

const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/**
 * 40 show folders of 31 slide folders each (more folders than a walker may list ahead of the
 * database side), each slide folder with a JPEG and a PNG; the root's .marqueeignore leaves
 * the PNGs out.
 */
function showsFolder(): { root: string; folders: string[] } {
  const root = tempDir('marquee-walk-share-')
  writeFileSync(join(root, '.marqueeignore'), '*.png\n')
  const folders = ['']
  for (let show = 0; show < 40; show++) {
    const dir = `show-${String(show).padStart(2, '0')}`
    folders.push(dir)
    for (let slide = 0; slide < 30; slide++) {
      const sub = `${dir}/slide-${String(slide).padStart(2, '0')}`
      mkdirSync(join(root, sub), { recursive: true })
      writeFileSync(join(root, sub, 'a.jpg'), 'jpeg')
      writeFileSync(join(root, sub, 'b.png'), 'png')
      folders.push(sub)
    }
  }
  return { root, folders }
}

describe('two walkers sharing a root (a rescan of a local root)', () => {
  it('list every folder exactly once between them, both take part, and rules go with the folders handed over', async () => {
    const { root, folders } = showsFolder()
    const { data, scanEnd } = walkChannels(
      { root, exclusions: [], indexAllFiles: false, statViaFolder: false },
      2,
    )
    const state = new Int32Array(data[1]!.share!.state)
    const flow = new Int32Array(scanEnd.flow)
    const listed = new Map<string, number>()
    const byWalker = [0, 0]
    const files: string[] = []
    let done = 0
    const problems: string[] = []
    scanEnd.ports.forEach((port: MessagePort, walker) =>
      port.on('message', (message: WalkMessage) => {
        if (message.type === 'folder') {
          listed.set(message.dir, (listed.get(message.dir) ?? 0) + 1)
          byWalker[walker]!++
          files.push(...message.names.map((name) => `${message.dir}/${name}`))
        } else if (message.type === 'done') done++
        else if (message.type !== 'alive') problems.push(JSON.stringify(message))
      }),
    )
    for (const walkData of data)
      started.push(startWorker(sourceWorkers('walk'), walkData, transfers(walkData)))

    // Nothing is taken yet, so the walkers stop ~1,024 folders ahead. If the second had not
    // booted by then, it waits for a folder: once the database side takes, the first hands it
    // its oldest pending folders. (If it had, it is listing folders it was handed already.)
    await until(
      () =>
        Atomics.load(flow, FLOW_FOLDERS_SENT) > 1000 &&
        (Atomics.load(state, 1) === 1 || byWalker[1]! > 0),
    )
    Atomics.store(flow, FLOW_FILES_TAKEN, 1_000_000)
    Atomics.store(flow, FLOW_FOLDERS_TAKEN, 1_000_000)
    Atomics.notify(flow, FLOW_FOLDERS_TAKEN)
    await until(() => done === 2 || problems.length > 0)

    expect(problems).toEqual([])
    expect([...listed.keys()].sort()).toEqual([...folders].sort())
    expect([...listed.values()].every((times) => times === 1)).toBe(true)
    expect(byWalker[0]).toBeGreaterThan(0)
    expect(byWalker[1]).toBeGreaterThan(0)
    expect(files).toHaveLength(40 * 30)
    expect(files.every((file) => file.endsWith('/a.jpg'))).toBe(true)
  })
})
