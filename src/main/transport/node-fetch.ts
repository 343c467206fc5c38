import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'

/** Builds a Fetch API Request from a Node request (GET/HEAD only: the media route needs no body). */
export function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
  }
  return new Request(new URL(req.url ?? '/', origin), { method: req.method ?? 'GET', headers })
}

/** Writes a Fetch API Response to a Node response, streaming the body with backpressure. */
export async function sendFetchResponse(
  response: Response,
  res: ServerResponse,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value)
  if (!response.body) {
    res.end()
    return
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
  await new Promise<void>((resolve) => {
    body.on('error', () => res.destroy())
    res.on('close', () => {
      body.destroy()
      resolve()
    })
    body.pipe(res)
  })
}
