/** How late a 15-second timer tick must be before we conclude the machine was asleep. */
export const SLEEP_GAP_MS = 60_000

/**
 * Notices that the workstation slept: timers do not fire while it does, so the first tick after waking
 * comes far later than due. The Electron shell also hears powerMonitor 'suspend'; this covers the
 * browser shell, which has no such event. `tick` runs on the backend's sweep timer.
 */
export function sleepWatch(
  onWake: () => void,
  now: () => number = Date.now,
  gapMs: number = SLEEP_GAP_MS,
): { tick(): void } {
  let last = now()
  return {
    tick() {
      const t = now()
      if (t - last > gapMs) onWake()
      last = t
    },
  }
}
