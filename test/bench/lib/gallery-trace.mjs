// Where a page's main thread spent its time during a Chromium trace: self time per trace event
// name (script, style, layout, paint, image decode, GC…) and per script function, so a missed
// frame target says what to look at.

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8',
  'v8.execute',
  'blink',
]

/** The renderer main threads (`CrRendererMain`) of the trace, as `pid:tid` keys. */
function mainThreads(events) {
  return new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
}

const scriptOf = (e) => {
  const data = e.args?.data
  if (!data) return null
  const fn = data.functionName || data.name
  const url = data.url ? data.url.slice(data.url.lastIndexOf('/') + 1) : ''
  return fn || url
    ? `${fn || '(anonymous)'}${url ? ` ${url}:${data.lineNumber ?? '?'}` : ''}`
    : null
}

/**
 * `{ spanMs, busyMs, byEvent: [{ name, ms }], byScript: [{ name, ms }] }` over the busiest
 * renderer main thread (the page's; others belong to closed pages or helpers): self time (an
 * event's duration minus that of the events nested in it) per event name, and per script the
 * self time of everything that ran under it (forced layouts included); the top `top` of each.
 */
export function summariseTrace(trace, top = 12) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents
  const threads = mainThreads(events)
  const byThread = new Map()
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`
    if (e.ph !== 'X' || !threads.has(key)) continue
    if (!byThread.has(key)) byThread.set(key, [])
    byThread.get(key).push(e)
  }
  const list = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? []
  list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const self = new Map()
  const scripts = new Map()
  const add = (map, name, us) => map.set(name, (map.get(name) ?? 0) + us)
  let busy = 0
  const stack = []
  const close = (until) => {
    while (stack.length && stack.at(-1).end <= until) {
      const done = stack.pop()
      add(self, done.e.name, done.dur - done.children)
      if (done.script) add(scripts, done.script, done.dur - done.children)
      if (!stack.length) busy += done.dur
    }
  }
  for (const e of list) {
    const dur = e.dur ?? 0
    close(e.ts)
    const parent = stack.at(-1)
    if (parent) parent.children += dur
    stack.push({ e, dur, end: e.ts + dur, children: 0, script: scriptOf(e) ?? parent?.script })
  }
  close(Infinity)
  const ranked = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 }))
  const end = list.reduce((last, e) => Math.max(last, e.ts + (e.dur ?? 0)), 0)
  return {
    spanMs: list.length ? Math.round((end - list[0].ts) / 1000) : 0,
    busyMs: Math.round(busy / 1000),
    byEvent: ranked(self),
    byScript: ranked(scripts),
  }
}
