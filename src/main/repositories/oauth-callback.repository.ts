import { createServer, type Server } from 'node:http'

export interface CallbackListener {
  /** `http://127.0.0.1:<port>/callback`: what the authorization request names as redirect_uri. */
  redirectUri: string
  /** The accepted callback's query, or why none came (time limit, closed). */
  result: Promise<URLSearchParams>
  close(): void
}

export interface ListenOptions {
  /** 0: a random free port (RFC 8252 §7.3). */
  port: number
  timeoutMs: number
  /** Decides whether a callback is the one awaited (its state matches); others get a 400. */
  accept(query: URLSearchParams): boolean
}

const PAGE = (title: string, text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font:16px system-ui;margin:3em"><h1>${title}</h1><p>${text}</p></body>`

/**
 * The one-shot loopback listener of a desktop OAuth flow: 127.0.0.1 only, one path, the first
 * callback that `accept`s ends it, and it gives up after `timeoutMs`.
 */
export class OAuthCallbackRepository {
  listen(options: ListenOptions): Promise<CallbackListener> {
    let settle: { resolve: (q: URLSearchParams) => void; reject: (e: Error) => void }
    const result = new Promise<URLSearchParams>((resolve, reject) => (settle = { resolve, reject }))
    // Nobody may be awaiting yet when the time runs out.
    result.catch(() => undefined)
    const server: Server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const html = (status: number, title: string, text: string): void => {
        response.writeHead(status, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        })
        response.end(PAGE(title, text))
      }
      if (request.method !== 'GET' || url.pathname !== '/callback') {
        html(404, 'Not found', 'This address only takes the sign-in answer.')
        return
      }
      if (!options.accept(url.searchParams)) {
        html(
          400,
          'Not this sign-in',
          'This answer does not belong to the sign-in Marquee started. Start again from Marquee.',
        )
        return
      }
      const failed = url.searchParams.get('error')
      html(
        200,
        failed ? 'Not connected' : 'Connected',
        failed
          ? 'The sign-in was not completed. You can close this tab and try again from Marquee.'
          : 'Marquee received the sign-in. You can close this tab and go back to Marquee.',
      )
      settle.resolve(url.searchParams)
      stop()
    })
    const timer = setTimeout(() => {
      settle.reject(
        new Error(
          `No answer came from the browser within ${Math.round(options.timeoutMs / 60_000)} minutes.`,
        ),
      )
      stop()
    }, options.timeoutMs)
    const stop = (): void => {
      clearTimeout(timer)
      server.close()
      server.closeAllConnections()
    }
    return new Promise((resolve, reject) => {
      server.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      server.listen(options.port, '127.0.0.1', () => {
        const address = server.address()
        const port = typeof address === 'object' && address ? address.port : options.port
        resolve({
          redirectUri: `http://127.0.0.1:${port}/callback`,
          result,
          close: () => {
            settle.reject(new Error('The sign-in was cancelled.'))
            stop()
          },
        })
      })
    })
  }
}
