/**
 * Meter exchange (skaitītāja maiņa): the old meter's removal reading and the new meter's installation
 * reading are checked like any reading (validateReading, as event readings for `meter-replacement`), plus
 * what only an exchange has: the date against the old meter's history, the new serial, the seals. The
 * result closes the old meter's span and opens the new one (register-chain), which is all billing and the
 * history need to count both meters' parts.
 */
import type { CalendarOptions } from '../calendar/holidays'
import { rigaToday, toEpochMs, type Instant } from '../calendar/riga-time'
import { tidy } from '../contact/result'
import { effectiveReadings } from '../readings/series'
import type { FindingCode, MeterSpec, ReadingRecord } from '../readings/types'
import { validateReading, type ReadingValidation } from '../readings/validate'
import { problem, type Problem } from './problems'
import type { MeterSpan } from './register-chain'

export const MAX_SEALS = 10
const SERIAL = /^[A-Z0-9][A-Z0-9./-]{2,24}$/u
const SEAL = /^[A-Z0-9][A-Z0-9/-]{0,19}$/u

export interface MeterExchangeInput {
  /** When the exchange was done (the time on the act). */
  at: Instant
  now: Instant
  oldMeter: { span: MeterSpan; spec: MeterSpec; readings: readonly ReadingRecord[] }
  removal: { value: number; confirmed?: readonly FindingCode[] }
  newMeter: {
    meterId: string
    serial: string
    spec: MeterSpec
    permittedLoadM3h?: string
    installationValue: number
    confirmed?: readonly FindingCode[]
  }
  seals: { removed: readonly string[]; installed: readonly string[] }
  calendar?: CalendarOptions
}

export interface MeterExchange {
  date: string
  oldSpan: MeterSpan
  newSpan: MeterSpan
  serial: string
  seals: { removed: string[]; installed: string[] }
}

export interface MeterExchangeCheck {
  date: string
  /** The findings of each reading, as the reading screen shows them. */
  removal: ReadingValidation
  installation: ReadingValidation
  problems: Problem[]
  canSave: boolean
  /** What saving records; null while anything blocks or waits for confirmation. */
  exchange: MeterExchange | null
}

/** Upper case, no spaces: how serials and seal numbers are printed on the act and compared. */
export const normaliseMark = (s: string): string => tidy(s).replace(/\s/gu, '').toUpperCase()
// Serials are compared without punctuation: `GMS-104551` and `GMS 104 551` are one meter.
const alnum = (s: string): string => s.replace(/[^A-Z0-9]/gu, '')

function sealProblems(seals: MeterExchangeInput['seals']): {
  problems: Problem[]
  removed: string[]
  installed: string[]
} {
  const problems: Problem[] = []
  const seen = new Set<string>()
  const check = (list: readonly string[], field: 'removed' | 'installed'): string[] => {
    if (list.length > MAX_SEALS)
      problems.push(problem('too-many-seals', `seals.${field}`, { max: MAX_SEALS }))
    return list.map((raw, i) => {
      const seal = normaliseMark(raw)
      if (!SEAL.test(seal)) problems.push(problem('seal-format', `seals.${field}.${i}`, { seal: raw }))
      else if (seen.has(seal)) problems.push(problem('seal-duplicate', `seals.${field}.${i}`, { seal }))
      seen.add(seal)
      return seal
    })
  }
  const removed = check(seals.removed, 'removed')
  const installed = check(seals.installed, 'installed')
  if (installed.length === 0) problems.push(problem('seals-required', 'seals.installed'))
  return { problems, removed, installed }
}

export function checkMeterExchange(input: MeterExchangeInput): MeterExchangeCheck {
  const { oldMeter, newMeter } = input
  if (oldMeter.span.removed) throw new RangeError(`meter ${oldMeter.span.serial} is already removed`)
  const date = rigaToday(input.at)
  const problems: Problem[] = []

  if (toEpochMs(input.at) > toEpochMs(input.now)) problems.push(problem('exchange-in-future', 'at', { date }))
  if (date < oldMeter.span.installed.date)
    problems.push(problem('exchange-before-installation', 'at', { installed: oldMeter.span.installed.date }))
  const later = effectiveReadings(oldMeter.readings).filter((r) => r.date > date)
  if (later.length)
    problems.push(problem('readings-after-exchange', 'at', { count: later.length, firstDate: later[0].date }))

  const serial = normaliseMark(newMeter.serial)
  if (serial === '') problems.push(problem('serial-required', 'newMeter.serial'))
  else if (!SERIAL.test(serial)) problems.push(problem('serial-format', 'newMeter.serial'))
  else if (alnum(serial) === alnum(normaliseMark(oldMeter.span.serial)))
    problems.push(problem('serial-unchanged', 'newMeter.serial', { serial }))

  const seals = sealProblems(input.seals)
  problems.push(...seals.problems)

  const event = { at: input.at, event: true, outOfWindowReason: 'meter-replacement' as const }
  const removal = validateReading(
    { ...event, value: input.removal.value, confirmed: input.removal.confirmed },
    { meter: oldMeter.spec, readings: oldMeter.readings, calendar: input.calendar },
  )
  const installation = validateReading(
    { ...event, value: newMeter.installationValue, confirmed: newMeter.confirmed },
    { meter: newMeter.spec, readings: [], calendar: input.calendar },
  )
  for (const [v, code, field] of [
    [removal, 'removal-reading', 'removal.value'],
    [installation, 'installation-reading', 'newMeter.installationValue'],
  ] as const)
    if (v.blocked)
      problems.push(
        problem(code, field, {
          codes: v.findings
            .filter((f) => f.severity === 'block')
            .map((f) => f.code)
            .join(','),
        }),
      )

  const canSave = problems.length === 0 && removal.canSave && installation.canSave
  return {
    date,
    removal,
    installation,
    problems,
    canSave,
    exchange: canSave
      ? {
          date,
          serial,
          seals: { removed: seals.removed, installed: seals.installed },
          oldSpan: { ...oldMeter.span, removed: { date, value: input.removal.value } },
          newSpan: {
            meterId: newMeter.meterId,
            serial,
            digits: newMeter.spec.digits,
            ...(newMeter.permittedLoadM3h === undefined
              ? {}
              : { permittedLoadM3h: newMeter.permittedLoadM3h }),
            installed: { date, value: newMeter.installationValue },
            removed: null,
          },
        }
      : null,
  }
}
