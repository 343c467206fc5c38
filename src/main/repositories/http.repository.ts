import type { Http, HttpRequest, HttpResponse } from '../integrations/fetcher'
import { hostOf, NetworkError } from '../integrations/fetcher'

/**
 * Every outgoing request of the integrations (Spotify, feeds, media downloads, HEAD checks):
 * http(s) only, a time limit on the whole exchange, a size limit while reading, at most 5
 * redirects. Errors name the host and what happened, never a header or a query string.
 */
export class HttpRepository implements Http {
  async request(request: HttpRequest): Promise<HttpResponse> {
    const host = hostOf(request.url)
    const url = new URL(request.url)
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new NetworkError(`Only http and https addresses can be fetched (not ${url.protocol}).`)
    const signal = AbortSignal.timeout(request.timeoutMs)
    try {
      let response: Response | undefined
      let target = url
      for (let hop = 0; ; hop++) {
        response = await fetch(target, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
          signal,
        })
        const location = response.headers.get('location')
        if (response.status < 300 || response.status >= 400 || response.status === 304 || !location)
          break
        await response.body?.cancel()
        if (hop >= 5) throw new NetworkError(`${host} redirected too many times.`)
        target = new URL(location, target)
        if (target.protocol !== 'http:' && target.protocol !== 'https:')
          throw new NetworkError(`${host} redirected to an address that is not http(s).`)
      }
      const headers: Record<string, string> = {}
      response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value))
      const body =
        request.method === 'HEAD'
          ? Buffer.alloc(0)
          : await readLimited(response, request.maxBytes, host)
      return { status: response.status, headers, body }
    } catch (error) {
      if (error instanceof NetworkError) throw error
      if (signal.aborted)
        throw new NetworkError(
          `${host} did not answer within ${Math.round(request.timeoutMs / 1000)} s.`,
        )
      const cause = (error as { cause?: { code?: string } })?.cause?.code
      throw new NetworkError(`${host} could not be reached${cause ? ` (${cause})` : ''}.`)
    }
  }
}

async function readLimited(response: Response, maxBytes: number, host: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'))
  if (declared > maxBytes) {
    await response.body?.cancel()
    throw new NetworkError(`${host} sent ${declared} bytes, more than the ${maxBytes} allowed.`)
  }
  if (!response.body) return Buffer.alloc(0)
  const reader = response.body.getReader()
  const chunks: Buffer[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new NetworkError(`${host} sent more than the ${maxBytes} bytes allowed.`)
    }
    chunks.push(Buffer.from(value))
  }
  return Buffer.concat(chunks)
}
