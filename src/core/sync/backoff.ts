/** Retry delays of the desk's sync loop (issue 9 §5): from 1 s doubling to 5 min, with full jitter. */
export const BACKOFF_BASE_MS = 1_000
export const BACKOFF_CAP_MS = 5 * 60_000

/**
 * The wait before retry number `failures` (1 = the first retry): a uniform draw from [0, min(cap, base·2ⁿ⁻¹)]
 * ("full jitter"), so a fleet of desks coming back after an outage does not retry in step. `random` is
 * injected (Math.random at run time) so the rule is testable.
 */
export function backoffDelay(failures: number, random: () => number): number {
  const n = Math.max(1, Math.floor(failures))
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30))
  const r = Math.min(Math.max(random(), 0), 1)
  return Math.round(r * ceiling)
}
