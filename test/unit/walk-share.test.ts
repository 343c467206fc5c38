import { describe, expect, it } from 'vitest'
import { walkTree, type FoundFile, type WalkShare } from '../../src/main/scan/walk'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

/** The folders one walker reported, with the names of their files. */
function walk(root: string, share?: WalkShare): Map<string, string[]> {
  const folders = new Map<string, string[]>()
  walkTree({
    root,
    exclusions: ['skipped/'],
    indexAllFiles: false,
    listInOneCall: true,
    ...(share ? { share } : {}),
    sink: {
      folder: (dir: string, files: FoundFile[]) =>
        folders.set(
          dir,
          files.map((f) => f.name),
        ),
      unreadable: () => {},
      tick: () => {},
    },
  })
  return folders
}

/** A claim counter that hands out every other subfolder, starting at `first`. */
const everyOther = (first: number): (() => number) => {
  let next = first - 2
  return () => (next += 2)
}

describe('walkers that share a root', () => {
  it('report every folder exactly once between them, and the root files once', () => {
    const root = tempDir('marquee-share-')
    const files: Record<string, string> = { 'top.jpg': 'x', 'skipped/no.jpg': 'x' }
    for (let d = 0; d < 7; d++) for (let i = 0; i < 3; i++) files[`d${d}/sub/f${i}.jpg`] = 'x'
    writeTree(root, files)
    const alone = walk(root)

    const first = walk(root, { claim: everyOther(0), reportRoot: true })
    const second = walk(root, { claim: everyOther(1), reportRoot: false })

    expect(first.get('')).toEqual(['top.jpg'])
    expect(second.has('')).toBe(false)
    expect([...first.keys()].filter((dir) => second.has(dir))).toEqual([])
    expect(new Map([...first, ...second])).toEqual(alone)
    expect(alone.size).toBe(15)
    expect(alone.has('skipped')).toBe(false)
  })

  it('leave a walker that finds every subfolder taken with nothing to report', () => {
    const root = tempDir('marquee-share-')
    writeTree(root, { 'a/1.jpg': 'x', 'b/2.jpg': 'x' })
    expect(walk(root, { claim: () => 2, reportRoot: false }).size).toBe(0)
  })
})
