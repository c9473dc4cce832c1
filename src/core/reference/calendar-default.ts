import { CALENDAR_DATASET_KIND, FESTIVAL_CLOSING_DAY, type CalendarDataset } from './calendar'

/**
 * Built-in Latvian calendar (DOMAIN.md; law "Par svētku, atceres un atzīmējamām dienām" and Cabinet
 * orders on moving working days). Used until the central system sends a newer version.
 */
export const DEFAULT_CALENDAR: CalendarDataset = {
  kind: CALENDAR_DATASET_KIND,
  version: '2025.1',
  effectiveFrom: '2018-01-01',
  fixedHolidays: [
    { key: 'newYear', month: 1, day: 1 },
    { key: 'labourDay', month: 5, day: 1 },
    { key: 'independenceRestoration', month: 5, day: 4 },
    { key: 'ligo', month: 6, day: 23 },
    { key: 'jani', month: 6, day: 24 },
    { key: 'proclamation', month: 11, day: 18 },
    { key: 'christmasEve', month: 12, day: 24 },
    { key: 'christmas', month: 12, day: 25 },
    { key: 'christmasSecond', month: 12, day: 26 },
    { key: 'newYearsEve', month: 12, day: 31 },
  ],
  easterHolidays: [
    { key: 'goodFriday', offsetDays: -2 },
    { key: 'easterSunday', offsetDays: 0 },
    { key: 'easterMonday', offsetDays: 1 },
  ],
  weekendTransferRules: [
    { holiday: 'independenceRestoration' },
    { holiday: 'proclamation' },
    { holiday: FESTIVAL_CLOSING_DAY },
  ],
  festivalClosingDays: [
    { date: '2018-07-08', key: FESTIVAL_CLOSING_DAY, note: 'XXVI Song and XVI Dance Festival' },
    { date: '2023-07-09', key: FESTIVAL_CLOSING_DAY, note: 'XXVII Song and XVII Dance Festival' },
  ],
  oneOffHolidays: [
    { date: '2018-09-24', key: 'papalVisit2018', note: 'Visit of Pope Francis to Latvia' },
    { date: '2023-05-29', key: 'hockeyBronze2023', note: 'Ice Hockey World Championship bronze' },
  ],
  movedWorkingDays: [
    { year: 2023, dayOff: '2023-05-05', workedSaturday: '2023-05-20' },
    { year: 2024, dayOff: '2024-12-23', workedSaturday: '2024-12-14' },
    { year: 2024, dayOff: '2024-12-30', workedSaturday: '2024-12-28' },
    { year: 2025, dayOff: '2025-05-02', workedSaturday: '2025-05-10' },
    { year: 2025, dayOff: '2025-11-17', workedSaturday: '2025-11-08' },
    { year: 2026, dayOff: '2026-01-02', workedSaturday: '2026-01-17' },
    { year: 2026, dayOff: '2026-06-22', workedSaturday: '2026-06-27' },
  ],
  movedWorkingDaysKnownThrough: 2026,
  source: 'GasDesk built-in defaults (DOMAIN.md)',
  notes:
    'Cabinet-moved working days are listed from 2023; the next festival (2028) is added when the law sets its date.',
}
