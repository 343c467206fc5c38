// The contract over serve mode's WebSocket, as the renderer uses it, for timing calls from the
// benchmark itself (search, select-all + tag) and for watching serve's start-up rescan.
import WebSocket from 'ws'

/** Connects to `marquee serve` at the URL it printed (token included). */
export async function connectApi(url) {
  const address = new URL(url)
  const token = address.searchParams.get('token')
  const ws = new WebSocket(`ws://${address.host}/api`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let nextId = 1
  const pending = new Map()
  const listeners = new Set()
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString())
    if ('id' in message) {
      pending.get(message.id)?.(message.response)
      pending.delete(message.id)
    } else for (const listener of listeners) listener(message.event, message.payload)
  })
  ws.on('close', () => {
    for (const resolve of pending.values())
      resolve({ ok: false, error: { code: 'closed', message: 'serve closed the connection' } })
    pending.clear()
  })

  /** One call; resolves `{ ms, result }` (round trip from send to answer), throws on an error. */
  const timed = (method, args) =>
    new Promise((resolve, reject) => {
      const id = nextId++
      const started = performance.now()
      pending.set(id, (response) => {
        const ms = performance.now() - started
        if (response.ok) resolve({ ms, result: response.result })
        else reject(new Error(`${method}: ${response.error.code}: ${response.error.message}`))
      })
      ws.send(JSON.stringify({ id, method, args }))
    })

  return {
    token,
    origin: address.origin,
    timed,
    call: async (method, args) => (await timed(method, args)).result,
    /** Calls `listener(event, payload)` for every event; returns a function that stops it. */
    on(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => ws.close(),
  }
}

/**
 * Resolves once every root was scanned after `sinceMs` (serve rescans all roots when it starts)
 * and is no longer scanning; returns the roots. Polls `roots.list`, so a scan that ended before
 * the connection is still seen.
 */
export async function untilRescanned(api, sinceMs, timeoutMs) {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const roots = await api.call('roots.list')
    if (roots.every((r) => r.status !== 'scanning' && (r.lastScanAt ?? 0) >= sinceMs)) return roots
    if (roots.some((r) => r.status === 'offline'))
      throw new Error(`a root went offline: ${roots.map((r) => r.statusReason).join('; ')}`)
    if (performance.now() > deadline)
      throw new Error(`serve's start-up rescan did not finish in ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
