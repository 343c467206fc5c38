import type { EventName, Events } from '../shared/contract'

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void

/** Told about a listener that threw (or whose promise rejected); the composition root logs it. */
export type ListenerErrorHandler = (error: unknown, event: EventName) => void

/** Without a handler, a listener's error is thrown again on its own, away from the emitter. */
const throwLater: ListenerErrorHandler = (error) =>
  queueMicrotask(() => {
    throw error
  })

/**
 * The core's event bus: services emit, transports forward to every connected renderer. Listeners
 * run synchronously but apart: one that throws is reported to `onListenerError`, and neither
 * the emitter (a scan, the job queue's bookkeeping) nor the other listeners ever see it.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  constructor(private readonly onListenerError: ListenerErrorHandler = throwLater) {}

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners) {
      try {
        const returned: unknown = listener(event, payload)
        if (returned instanceof Promise) returned.catch((error) => this.failed(error, event))
      } catch (error) {
        this.failed(error, event)
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private failed(error: unknown, event: EventName): void {
    try {
      this.onListenerError(error, event)
    } catch {
      // The report failed too: the emitter still must not see it.
    }
  }
}
