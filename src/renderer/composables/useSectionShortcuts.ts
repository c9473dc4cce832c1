import { onBeforeUnmount, onMounted } from 'vue'

export interface ShortcutHandlers {
  /** Alt+<digit>: the digit pressed (layout-independent: read from the physical key). */
  section(digit: string): void
  /** Ctrl+L: lock now. */
  lock(): void
}

/** Global keys of the shell. Uses `event.code` so Latvian and Russian keyboard layouts work alike. */
export function useShellShortcuts(
  handlers: ShortcutHandlers,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): void {
  const onKey = (event: Event): void => {
    const e = event as KeyboardEvent
    if (e.ctrlKey && !e.altKey && !e.shiftKey && e.code === 'KeyL') {
      e.preventDefault()
      handlers.lock()
      return
    }
    const digit = /^(?:Digit|Numpad)(\d)$/.exec(e.code)?.[1]
    if (digit !== undefined && e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault()
      handlers.section(digit)
    }
  }
  onMounted(() => target.addEventListener('keydown', onKey))
  onBeforeUnmount(() => target.removeEventListener('keydown', onKey))
}
