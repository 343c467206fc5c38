/**
 * The JSON paths of feed media fields: dot paths with array indexes and `[*]` for every element
 * (`items[*].images[0].url`). Pure: parsing, reading every match, and writing a value back.
 */

export type Segment = { key: string } | { index: number } | { every: true }

export class JsonPathError extends Error {
  override name = 'JsonPathError'
}

// Writing through these would change every object's prototype.
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor'])
const TOKEN = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+|\*)\])/

/** `a.b[2].c[*]` → segments; throws JsonPathError with what is wrong. */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = []
  let rest = path.trim()
  if (!rest) throw new JsonPathError('A path cannot be empty.')
  while (rest) {
    const match = TOKEN.exec(rest)
    if (!match || (segments.length === 0 && rest.startsWith('.')))
      throw new JsonPathError(`"${path}" is not a path like items[*].image.url (near "${rest}").`)
    if (match[1] !== undefined && FORBIDDEN.has(match[1]))
      throw new JsonPathError(`"${match[1]}" cannot be part of a path.`)
    if (match[1] !== undefined) segments.push({ key: match[1] })
    else if (match[2] === '*') segments.push({ every: true })
    else segments.push({ index: Number(match[2]) })
    rest = rest.slice(match[0].length)
  }
  return segments
}

export const wildcards = (segments: Segment[]): number =>
  segments.filter((s) => 'every' in s).length

/** One place a path matched: the concrete path, the indexes its `[*]` took, and the value. */
export interface Match {
  path: string
  indexes: number[]
  value: unknown
  /** False when the path leads nowhere (a key or element that is not there). */
  found: boolean
}

/** Every match of the path; a `[*]` over an empty or missing array matches nothing. */
export function readAll(data: unknown, segments: Segment[]): Match[] {
  const out: Match[] = []
  const walk = (value: unknown, at: number, path: string, indexes: number[]): void => {
    if (at === segments.length) {
      out.push({ path, indexes, value, found: true })
      return
    }
    const segment = segments[at]!
    if ('every' in segment) {
      if (!Array.isArray(value)) {
        out.push({ path: `${path}[*]`, indexes, value: undefined, found: false })
        return
      }
      value.forEach((item, i) => walk(item, at + 1, `${path}[${i}]`, [...indexes, i]))
      return
    }
    const [next, step] =
      'key' in segment
        ? [
            isObject(value) && Object.hasOwn(value, segment.key) ? value[segment.key] : undefined,
            path ? `${path}.${segment.key}` : segment.key,
          ]
        : [Array.isArray(value) ? value[segment.index] : undefined, `${path}[${segment.index}]`]
    if (next === undefined) {
      out.push({ path: step, indexes, value: undefined, found: false })
      return
    }
    walk(next, at + 1, step, indexes)
  }
  walk(data, 0, '', [])
  return out
}

/** The path with its `[*]` replaced, in order, by these indexes. */
export function fillWildcards(segments: Segment[], indexes: number[]): Segment[] {
  let next = 0
  return segments.map((s) => ('every' in s ? { index: indexes[next++] ?? 0 } : s))
}

/**
 * Writes `value` at a concrete path (no `[*]`), making the objects and arrays on the way.
 * Refuses to go through a value that is neither (a string where an object should be).
 */
export function writeAt(data: unknown, segments: Segment[], value: unknown): void {
  let here: unknown = data
  segments.forEach((segment, i) => {
    if ('every' in segment) throw new JsonPathError('Cannot write through [*].')
    const following = segments[i + 1]
    const container = here as Record<string | number, unknown>
    const name = 'key' in segment ? segment.key : segment.index
    if ('key' in segment ? !isObject(here) : !Array.isArray(here))
      throw new JsonPathError(`Cannot write ${formatPath([segment])} into a value.`)
    if (!following) {
      container[name] = value
      return
    }
    const next = container[name]
    if (next === undefined || next === null) here = container[name] = 'key' in following ? {} : []
    else if (isObject(next) || Array.isArray(next)) here = next
    // The feed's own value is kept: the output path is wrong, and is reported.
    else throw new JsonPathError(`${formatPath(segments.slice(0, i + 1))} holds a value.`)
  })
}

export function formatPath(segments: Segment[]): string {
  return segments
    .map((s, i) =>
      'key' in s ? (i === 0 ? s.key : `.${s.key}`) : 'every' in s ? '[*]' : `[${s.index}]`,
    )
    .join('')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
