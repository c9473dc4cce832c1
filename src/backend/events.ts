import type { EventName, EventPayload } from '../contract/events'

export type EventListener = (event: EventName, payload: unknown, sessionKey: string | null) => void

/** Backend -> renderer notifications; transports subscribe and forward. `sessionKey` null = everyone. */
export class EventBus {
  private listeners = new Set<EventListener>()
  on(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  emit<E extends EventName>(event: E, payload: EventPayload<E>, sessionKey: string | null = null): void {
    for (const l of this.listeners) l(event, payload, sessionKey)
  }
}
