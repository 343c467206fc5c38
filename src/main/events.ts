import type { EventName, Events } from '../shared/contract'

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void

/** The core's event bus: services emit, transports forward to every connected renderer. */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners) listener(event, payload)
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
