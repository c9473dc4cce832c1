import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReadingValidationResult } from '../../../src/contract/methods/readings'
import { readingsFixture, type ReadingsFixture } from './fixture'

/*
 * Issue 10, "Readings": a reading lower than the last one used to be a dead end. Now a supervisor (the
 * `correctReadings` right) replaces the wrong last reading with a reason; an agent is told who can, and
 * the backend refuses the correction from them whatever the renderer sends. The cost estimate's basis,
 * `consumptionM3`, follows the corrected history.
 */
let f: ReadingsFixture
beforeAll(async () => {
  f = await readingsFixture(4)
  const signed = await f.backend.dispatch(
    'session.signIn',
    { username: 'janis', password: 'janis-demo' },
    'sup',
  )
  expect(signed.ok).toBe(true)
})
afterAll(() => f.cleanup())

type Recorded = { readingId: string; validation: ReadingValidationResult }
const asSupervisor = <T>(method: string, input: unknown) =>
  f.backend.dispatch(method, input, 'sup') as Promise<{ ok: boolean; value?: T; error?: { code: string } }>

// October 1000, November misread as 1900 (should have been about 1100).
const history = () => [
  { value: 1000, date: '2025-10-28', period: '2025-10' },
  { value: 1900, date: '2025-11-28', period: '2025-11' },
]

describe('a reading lower than the last actual one', () => {
  it('tells an agent without the right who can correct it, and refuses the correction from them', async () => {
    const meterId = f.addMeter(history())
    const dry = await f.call<ReadingValidationResult>('reading.validate', { meterId, value: 1200 })
    expect(dry.value!.findings.map((x) => x.messageKey)).toEqual([
      'readings.validation.lowerThanLastActual.askSupervisor',
    ])
    const forced = await f.call('reading.record', {
      meterId,
      value: 1200,
      channel: 'phone',
      correctionReason: 'slip misread',
    })
    expect(forced.error).toMatchObject({
      code: 'VALIDATION',
      details: { findings: expect.arrayContaining(['correction-not-allowed']) },
    })
  })

  it('a supervisor replaces the wrong reading with a reason; it stays in history, consumption is from October', async () => {
    const meterId = f.addMeter(history())
    const dry = await asSupervisor<ReadingValidationResult>('reading.validate', { meterId, value: 1200 })
    expect(dry.value!.findings[0].messageKey).toBe('readings.validation.lowerThanLastActual.correctable')
    const saved = await asSupervisor<Recorded>('reading.record', {
      meterId,
      value: 1200,
      channel: 'phone',
      correctionReason: 'November slip misread (1100, not 1900)',
    })
    expect(saved.ok).toBe(true)
    expect(saved.value!.validation).toMatchObject({ blocked: false, consumptionM3: 200 })
    const row = f.backend.ctx.db
      .prepare('SELECT status, corrects_reading_id, reason FROM readings WHERE id = ?')
      .get(saved.value!.readingId)
    expect(row).toEqual({
      status: 'corrected',
      corrects_reading_id: `tr-${meterId.slice(3)}-1`,
      reason: 'November slip misread (1100, not 1900)',
    })
    const h = await asSupervisor<{ readings: { id: string; effective: boolean }[] }>('reading.history', {
      meterId,
    })
    expect(h.value!.readings.find((r) => r.id === `tr-${meterId.slice(3)}-1`)).toMatchObject({
      effective: false,
    })
    const audit = f.backend.ctx.db
      .prepare("SELECT reason FROM audit_log WHERE action = 'reading.record' ORDER BY id DESC LIMIT 1")
      .get()
    expect(audit).toEqual({ reason: 'November slip misread (1100, not 1900)' })
  })
})

describe('out of the window', () => {
  it('"customer reported late" is a reason', async () => {
    const meterId = f.addMeter(history())
    await f.moveTo(Date.parse('2026-02-10T09:00:00Z'))
    const r = await f.call<Recorded>('reading.record', {
      meterId,
      value: 2000,
      channel: 'letter',
      outOfWindowReason: 'reported-late',
    })
    expect(r.ok).toBe(true)
    expect(
      f.backend.ctx.db
        .prepare('SELECT out_of_window, reason FROM readings WHERE id = ?')
        .get(r.value!.readingId),
    ).toEqual({ out_of_window: 1, reason: 'reported-late' })
  })
})
