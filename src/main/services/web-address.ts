import { AppError } from '../errors'

/** Longer addresses are refused: browsers and players cap them near here anyway. */
const MAX_URL_LENGTH = 2048

/**
 * A web page item's address, normalised (`new URL`), or an INVALID_ARGUMENT that says what is
 * wrong. Only http and https with a host: a player shows it in a sandboxed frame, and other
 * schemes (file:, javascript:, data:) reach what that sandbox does not guard.
 */
export function checkWebAddress(text: string): string {
  const trimmed = text.trim()
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${trimmed}" is not a web address. Write it in full, e.g. https://example.com/menu.`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError(
      'INVALID_ARGUMENT',
      `Only http and https pages can be played; "${trimmed}" is ${url.protocol.slice(0, -1)}.`,
    )
  if (!url.hostname)
    throw new AppError('INVALID_ARGUMENT', `"${trimmed}" names no host (e.g. example.com).`)
  if (url.username || url.password)
    throw new AppError(
      'INVALID_ARGUMENT',
      'A web page address cannot carry a user name or password: bundles are readable by anyone.',
    )
  if (url.href.length > MAX_URL_LENGTH)
    throw new AppError(
      'INVALID_ARGUMENT',
      `A web page address is at most ${MAX_URL_LENGTH} characters.`,
    )
  return url.href
}
