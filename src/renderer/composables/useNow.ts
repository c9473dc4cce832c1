import { onBeforeUnmount, ref, type Ref } from 'vue'

/** A clock that ticks every `everyMs`, for "5 min ago" texts that must age while nothing else changes. */
export function useNow(everyMs = 30_000): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), everyMs)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
