import { describe, expect, it, vi } from 'vitest'
import { debounce, parseReading } from '../../../src/renderer/features/readings/useReadingValue'

describe('the reading field', () => {
  it('reads whole numbers, keeps a fraction for the backend to report, refuses anything else', () => {
    expect(parseReading(' 12345 ')).toBe(12345)
    expect(parseReading('')).toBeNull()
    expect(parseReading('123,5')).toBe(123.5)
    expect(parseReading('12a')).toBeNaN()
    expect(parseReading('1e5')).toBeNaN()
  })

  it('validates once typing pauses, and not at all after cancel', () => {
    vi.useFakeTimers()
    const seen: number[] = []
    const run = debounce((n: number) => seen.push(n), 200)
    run(1)
    run(2)
    vi.advanceTimersByTime(199)
    expect(seen).toEqual([])
    vi.advanceTimersByTime(1)
    expect(seen).toEqual([2])
    run(3)
    run.cancel()
    vi.advanceTimersByTime(500)
    expect(seen).toEqual([2])
    vi.useRealTimers()
  })
})
