import { resolve } from 'node:path'
import { isSameOrInside } from '../paths'
import type { Root } from '../../shared/domain'
import { UsageError } from './io'

/** A root named by id, or by a path that is the root or lies inside it. */
export function findRoot(roots: Root[], ref: string, cwd: string): Root | undefined {
  if (/^\d+$/.test(ref)) return roots.find((r) => r.id === Number(ref))
  const path = resolve(cwd, ref)
  return roots.find((r) => isSameOrInside(path, r.path))
}

export function requireRoot(roots: Root[], ref: string, cwd: string): Root {
  const root = findRoot(roots, ref, cwd)
  if (!root) {
    throw new UsageError(`"${ref}" is not a library folder. 'marquee roots ls' lists them.`)
  }
  return root
}
