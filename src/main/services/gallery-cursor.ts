import type { GalleryQuery } from '../../shared/domain'
import { AppError } from '../errors'
import { orderOf } from '../repositories/gallery-sql'

/**
 * A page cursor: the order it belongs to and the key values of the last row. Opaque to the
 * renderer; checked on the way back in, so a cursor of another order is refused, not misread.
 */
export function encodeCursor(query: GalleryQuery, keys: unknown[]): string {
  const order = orderOf(query)
  return Buffer.from(JSON.stringify({ o: order.keys.join('|'), d: order.desc, k: keys })).toString(
    'base64url',
  )
}

export function decodeCursor(cursor: string, query: GalleryQuery): unknown[] {
  const order = orderOf(query)
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      o: unknown
      d: unknown
      k: unknown
    }
    const valid =
      parsed.o === order.keys.join('|') &&
      parsed.d === order.desc &&
      Array.isArray(parsed.k) &&
      parsed.k.length === order.keys.length &&
      parsed.k.every((v) => v === null || typeof v === 'number' || typeof v === 'string')
    if (valid) return parsed.k as unknown[]
  } catch {
    // Falls through to the error below: a cursor that is not ours.
  }
  throw new AppError(
    'INVALID_ARGUMENT',
    'This page cursor belongs to another sort order or is damaged: start again from the first page.',
  )
}
