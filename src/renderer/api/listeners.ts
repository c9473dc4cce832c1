import type { EventName, EventPayload } from '../../contract'

type AnyHandler = (payload: unknown) => void

/**
 * Per-event handler sets shared by both clients. `onFirst`/`onLast` let a client open its event source
 * lazily (an EventSource per tab costs a connection) and close it when nobody listens.
 */
export class EventListeners {
  private byEvent = new Map<string, Set<AnyHandler>>()
  private count = 0
  constructor(
    private readonly onFirst: () => void,
    private readonly onLast: () => void,
  ) {}

  add<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    const set = this.byEvent.get(event) ?? new Set<AnyHandler>()
    this.byEvent.set(event, set)
    const h = handler as AnyHandler
    if (set.has(h)) return () => this.remove(event, h)
    set.add(h)
    if (++this.count === 1) this.onFirst()
    let removed = false
    return () => {
      if (removed) return
      removed = true
      this.remove(event, h)
    }
  }

  private remove(event: string, h: AnyHandler): void {
    const set = this.byEvent.get(event)
    if (!set?.delete(h)) return
    if (--this.count === 0) this.onLast()
  }

  emit(event: string, payload: unknown): void {
    for (const h of [...(this.byEvent.get(event) ?? [])]) {
      try {
        h(payload)
      } catch (e) {
        // One broken listener must not stop the others from hearing about a lock or sync change.
        console.error('[gasdesk] event handler failed', event, e)
      }
    }
  }
}
