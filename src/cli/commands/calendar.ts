import { parseArgs } from 'node:util'
import type { Command } from '../command'
import { UsageError } from '../command'
import { dayInfo, nonWorkingWeekdays, weekday, windowFor } from '../../core/calendar'
import { DEFAULT_CALENDAR } from '../../core/reference/calendar-default'
import en from '../../../locales/en.json'

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

export interface CalendarReport {
  year: number
  readingWindows: { month: string; opens: string; closesEndOf: string }[]
  nonWorkingWeekdays: string[]
}

/** The reading windows and non-working weekdays of a year, for the default setting (moved days honoured). */
export function calendarReport(year: number): CalendarReport {
  const readingWindows = []
  for (let m = 1; m <= 12; m++) {
    const { month, opens, closesEndOf } = windowFor(`${year}-${String(m).padStart(2, '0')}`)
    readingWindows.push({ month, opens, closesEndOf })
  }
  return { year, readingWindows, nonWorkingWeekdays: nonWorkingWeekdays(year) }
}

/** JSON with a space after `:` and `,` — the layout the issue spells the output in. */
export function spacedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(', ')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${spacedJson(v)}`)
      .join(', ')}}`
  return JSON.stringify(value)
}

const holidayNames = en.calendar.holiday as Record<string, string>

function why(date: string): string {
  const info = dayInfo(date)
  const parts = info.holidays.map((h) => {
    const name = holidayNames[h.key] ?? h.key
    return h.kind === 'transfer' ? `${name} (${en.calendar.transferred})` : name
  })
  if (info.movedDayOff) parts.push(en.calendar.movedDayOff)
  return parts.join(', ')
}

function table(report: CalendarReport): string {
  const lines = [
    `Latvian calendar ${report.year} (dataset ${DEFAULT_CALENDAR.version}, moved working days honoured)`,
    '',
    'Reading windows',
    '  period    opens        closes at 24:00 of',
    ...report.readingWindows.map(
      (w) => `  ${w.month}   ${w.opens}   ${w.closesEndOf} ${WEEKDAYS[weekday(w.closesEndOf)]}`,
    ),
    '',
    'Non-working weekdays',
    ...report.nonWorkingWeekdays.map((d) => `  ${d} ${WEEKDAYS[weekday(d)]}  ${why(d)}`),
  ]
  return lines.join('\n')
}

export const calendarCommand: Command = {
  name: 'calendar',
  summary: 'Reading windows and non-working weekdays of a year (Latvian calendar)',
  usage: 'gasdesk calendar YEAR [--json]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    })
    if (positionals.length !== 1 || !/^\d{4}$/.test(positionals[0]))
      throw new UsageError('YEAR (four digits) is required')
    const year = Number(positionals[0])
    if (year < 2001 || year > 2099) throw new UsageError('YEAR must be between 2001 and 2099')
    const report = calendarReport(year)
    console.log(values.json ? spacedJson(report) : table(report))
    return 0
  },
}
