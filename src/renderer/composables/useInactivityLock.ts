import { onBeforeUnmount, onMounted, type Ref } from 'vue'

/** What counts as the agent being at the desk. Passive pointer drift (mousemove) counts too. */
const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'focusin'] as const
const CHECK_EVERY_MS = 5_000
const HEARTBEAT_MS = 60_000

export interface InactivityOptions {
  /** Minutes without activity before `onIdle` runs (the session's lockAfterMinutes). */
  minutes: () => number
  /** Only counts while this is true (signed in and not already locked). */
  active: Ref<boolean> | (() => boolean)
  onIdle: () => void
  /** Told about activity at most once per HEARTBEAT_MS, so the backend's own idle timer sees it too. */
  onActivity?: () => void
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>
}

/** Calls `onIdle` once the agent has not touched keyboard or mouse for `minutes`. */
export function useInactivityLock(options: InactivityOptions): { touch: () => void } {
  const target = options.target ?? window
  let last = Date.now()
  let timer: ReturnType<typeof setInterval> | undefined
  const isActive = (): boolean =>
    typeof options.active === 'function' ? options.active() : options.active.value

  let lastBeat = 0
  const touch = (): void => {
    last = Date.now()
    if (options.onActivity && isActive() && last - lastBeat >= HEARTBEAT_MS) {
      lastBeat = last
      options.onActivity()
    }
  }
  const check = (): void => {
    if (!isActive()) {
      // While locked or signed out the clock restarts, so unlocking does not immediately lock again.
      last = Date.now()
      return
    }
    if (Date.now() - last >= options.minutes() * 60_000) {
      last = Date.now()
      options.onIdle()
    }
  }

  onMounted(() => {
    for (const e of ACTIVITY_EVENTS) target.addEventListener(e, touch, { passive: true, capture: true })
    timer = setInterval(check, CHECK_EVERY_MS)
  })
  onBeforeUnmount(() => {
    for (const e of ACTIVITY_EVENTS) target.removeEventListener(e, touch, { capture: true })
    if (timer) clearInterval(timer)
  })
  return { touch }
}
