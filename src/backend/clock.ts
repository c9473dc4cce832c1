/** Injected so tests can move time (inactivity lock, rate limits, reading windows). */
export interface Clock {
  now(): number
}
export const systemClock: Clock = { now: () => Date.now() }

export function manualClock(
  start = Date.parse('2026-11-26T10:00:00Z'),
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start
  return {
    now: () => t,
    advance: (ms) => {
      t += ms
    },
    set: (ms) => {
      t = ms
    },
  }
}
