/** What a benchmark file exports: `export const benchmarks: Benchmark[]`. */
export interface Benchmark {
  /** Matched by `npm run bench -- --filter TEXT` (case-insensitive substring, also of the file name). */
  name: string
  run(): Promise<Figure[]> | Figure[]
}

export interface Figure {
  name: string
  unit: string
  value: number
  /** Printed beside the value; a missed target is reported, never fatal. */
  target?: { max?: number; min?: number }
}

/** The q-th percentile (0-100) of samples, nearest-rank. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((q / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

export const median = (samples: readonly number[]): number => percentile(samples, 50)

export function meetsTarget(f: Figure): boolean | null {
  if (!f.target) return null
  if (f.target.max !== undefined && f.value > f.target.max) return false
  if (f.target.min !== undefined && f.value < f.target.min) return false
  return true
}

export function describeTarget(f: Figure): string {
  if (!f.target) return ''
  const parts: string[] = []
  if (f.target.max !== undefined) parts.push(`<= ${f.target.max}`)
  if (f.target.min !== undefined) parts.push(`>= ${f.target.min}`)
  return parts.join(', ')
}

/** Rounds for display: 3 significant decimals for small values. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  if (Math.abs(v) >= 100) return v.toFixed(0)
  if (Math.abs(v) >= 1) return v.toFixed(2)
  return v.toFixed(3)
}

/** Progress for long preparations goes to stderr so `--json` output stays clean. */
export const note = (message: string): void => {
  process.stderr.write(`${message}\n`)
}
