/** A quick check before asking the core, which has the last word (and the same rules). */
export function webAddressProblem(text: string): string | null {
  const trimmed = text.trim()
  if (!trimmed) return 'Enter the address of the page, e.g. https://example.com/menu.'
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return `“${trimmed}” is not a web address. Write it in full, starting with https://.`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `Only http and https pages can be played; this one is ${url.protocol.slice(0, -1)}.`
  return null
}
