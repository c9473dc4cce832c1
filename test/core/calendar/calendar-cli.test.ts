import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli'

// In-process (the same `main` the entry runs); one case below goes through the real process entry.
const run = async (...args: string[]) => {
  const r = await runCli('calendar', ...args)
  expect(r.status, r.stderr).toBe(0)
  return r.stdout
}

describe('gasdesk calendar YEAR', () => {
  it('--json for 2026 prints the windows and non-working weekdays in the documented shape', async () => {
    const out = await run('2026', '--json')
    expect(
      out.startsWith(
        '{"year": 2026, "readingWindows": [{"month": "2026-01", "opens": "2026-01-27", "closesEndOf": ',
      ),
    ).toBe(true)
    const report = JSON.parse(out)
    expect(Object.keys(report)).toEqual(['year', 'readingWindows', 'nonWorkingWeekdays'])
    expect(report.readingWindows).toHaveLength(12)
    expect(report.readingWindows.map((w: { month: string }) => w.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    )
    const close = (m: string) =>
      report.readingWindows.find((w: { month: string }) => w.month === m).closesEndOf
    expect(close('2026-01')).toBe('2026-02-02') // 1 Feb is a Sunday
    expect(close('2026-04')).toBe('2026-05-05') // 1 May Fri, weekend, 4 May Mon holiday
    expect(close('2026-12')).toBe('2027-01-04') // 1 Jan 2027 Fri, then a weekend
    expect(
      report.readingWindows.every((w: { opens: string; month: string }) => w.opens === `${w.month}-27`),
    ).toBe(true)
    expect(report.nonWorkingWeekdays).toContain('2026-01-02') // Cabinet-moved day off
    expect(report.nonWorkingWeekdays).toContain('2026-06-22')
    expect(report.nonWorkingWeekdays).not.toContain('2026-12-26') // a Saturday
    expect(report.nonWorkingWeekdays).toHaveLength(13)
  })

  it('--json for 2025: the December window runs to 5 January 2026, April to 6 May', async () => {
    const report = JSON.parse(await run('2025', '--json'))
    const close = (m: string) =>
      report.readingWindows.find((w: { month: string }) => w.month === m).closesEndOf
    expect(close('2025-12')).toBe('2026-01-05')
    expect(close('2025-04')).toBe('2025-05-06')
    expect(close('2025-10')).toBe('2025-11-03')
    expect(report.nonWorkingWeekdays).toEqual([
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-01',
      '2025-05-02',
      '2025-05-05',
      '2025-06-23',
      '2025-06-24',
      '2025-11-17',
      '2025-11-18',
      '2025-12-24',
      '2025-12-25',
      '2025-12-26',
      '2025-12-31',
    ])
  })

  it('without --json prints a readable table naming each day off', async () => {
    const out = await run('2026')
    expect(out).toContain('Reading windows')
    expect(out).toMatch(/2026-01 {3}2026-01-27 {3}2026-02-02 Mon/)
    expect(out).toContain('2026-01-02 Fri  working day moved by Cabinet order')
    expect(out).toContain('2026-04-03 Fri  Good Friday')
  })

  it('rejects a missing or malformed year with the usage exit code', async () => {
    for (const args of [[], ['26'], ['2026', '--yaml']]) {
      const r = await runCli('calendar', ...args)
      expect(r.status).toBe(3)
      expect(r.stderr).toContain('Usage: gasdesk calendar YEAR [--json]')
    }
    // The process entry turns main's answer into the exit code.
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'calendar', '26'], {
      encoding: 'utf8',
    })
    expect(r.status).toBe(3)
    expect(r.stderr).toContain('Usage: gasdesk calendar YEAR [--json]')
  }, 90_000)
})
