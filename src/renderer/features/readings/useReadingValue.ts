/** The reading field's text as the number the backend checks: digits only, else NaN (a fraction stays a fraction). */
export function parseReading(text: string): number | null {
  const t = text.trim().replace(',', '.')
  if (t === '') return null
  if (!/^-?\d+(\.\d+)?$/.test(t)) return Number.NaN
  return Number(t)
}

/** Runs `fn` once input has paused for `ms`; `flush` runs it now (Enter must not wait for the pause). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending: A | null = null
  const run = (...args: A): void => {
    pending = args
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      const a = pending
      pending = null
      if (a) fn(...a)
    }, ms)
  }
  run.cancel = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    pending = null
  }
  return run
}
