import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MeterCard, ReadingValidationResult, WindowState } from '../../../src/contract/methods/readings'
import type { MethodOutput } from '../../../src/contract'
import { HONOUR_MOVED_WORKING_DAYS_KEY } from '../../../src/backend/services/readings'
import { DEFAULT_CALENDAR } from '../../../src/core/reference/calendar-default'
import { readingsFixture, steadyHistory, type ReadingsFixture } from './fixture'

let f: ReadingsFixture
beforeEach(async () => {
  f = await readingsFixture()
})
afterEach(async () => {
  await f.cleanup()
})

const db = () => f.backend.ctx.db
const count = (sql: string, ...args: unknown[]) =>
  (
    db()
      .prepare(sql)
      .get(...args) as { n: number }
  ).n
type Lookup = { matches: MeterCard[]; windowState: WindowState }
type Recorded = MethodOutput<'reading.record'>

describe('reading.lookup', () => {
  it('finds a seeded meter by subscriber number, metering point id (any case) and serial', async () => {
    const m = db()
      .prepare(
        `SELECT m.id, m.metering_point_id AS mp, m.serial, p.subscriber_number AS sub
        FROM meters m JOIN premises p ON p.id = m.premise_id WHERE m.removed_at IS NULL LIMIT 1`,
      )
      .get() as { id: string; mp: string; serial: string; sub: string }
    for (const identifier of [m.sub, m.mp, m.mp.toLowerCase(), ` ${m.serial} `]) {
      const r = await f.call<Lookup>('reading.lookup', { identifier })
      expect(r.ok).toBe(true)
      expect(r.value!.matches.map((c) => c.meter.id)).toContain(m.id)
    }
    const card = (await f.call<Lookup>('reading.lookup', { identifier: m.mp })).value!.matches[0]
    expect(card.customer.name).not.toBe('')
    expect(card.lastReadings.length).toBeGreaterThan(0)
    // Newest first.
    const dates = card.lastReadings.map((r) => r.date)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect((await f.call<Lookup>('reading.lookup', { identifier: 'NOPE-1' })).value!.matches).toEqual([])
  })

  it('reports the open window in Riga time, honouring Cabinet-moved days by default', async () => {
    const r = await f.call<Lookup>('reading.lookup', { identifier: 'x' })
    expect(r.value!.windowState).toMatchObject({ today: '2026-01-28', open: true })
    expect(r.value!.windowState.window).toMatchObject({
      month: '2026-01',
      opens: '2026-01-27',
      closesEndOf: '2026-02-02',
    })
    // 3 Jan 2026: the December window runs to 5 Jan because 2 Jan is a moved day off...
    await f.moveTo(Date.parse('2026-01-03T10:00:00Z'))
    let s = (await f.call<Lookup>('reading.lookup', { identifier: 'x' })).value!.windowState
    expect(s).toMatchObject({ open: true, window: { month: '2025-12', closesEndOf: '2026-01-05' } })
    // ...and closes on 2 Jan when the setting says not to honour it.
    db()
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
      .run(HONOUR_MOVED_WORKING_DAYS_KEY, 'false')
    s = (await f.call<Lookup>('reading.lookup', { identifier: 'x' })).value!.windowState
    expect(s).toMatchObject({ open: false, window: { month: '2026-01', opens: '2026-01-27' } })
  })

  it('uses a calendar dataset stored in reference_datasets when one is in force', async () => {
    const dataset = {
      ...DEFAULT_CALENDAR,
      version: '2026.test',
      effectiveFrom: '2026-01-01',
      oneOffHolidays: [...DEFAULT_CALENDAR.oneOffHolidays, { date: '2026-02-02', key: 'testHoliday' }],
    }
    db()
      .prepare(
        `INSERT INTO reference_datasets (kind, version, effective_from, content_hash, payload, fetched_at)
        VALUES (?, ?, ?, 'h1', ?, '2026-01-01T00:00:00Z')`,
      )
      .run(dataset.kind, dataset.version, dataset.effectiveFrom, JSON.stringify(dataset))
    const s = (await f.call<Lookup>('reading.lookup', { identifier: 'x' })).value!.windowState
    expect(s.window.closesEndOf).toBe('2026-02-03')
  })
})

describe('reading.validate', () => {
  it('gives consumption and kWh with the fallback calorific value, then a published one', async () => {
    const meterId = f.addMeter(steadyHistory())
    const v = await f.call<ReadingValidationResult>('reading.validate', { meterId, value: 2300 })
    expect(v.value).toMatchObject({
      canSave: true,
      period: '2026-01',
      date: '2026-01-28',
      consumptionM3: 100,
      consumptionKwh: 1054,
      kwhPerM3: 10.538,
      calorificFallback: true,
    })
    const calorific = {
      kind: 'gasdesk.calorific.lv',
      version: '2026.01',
      effectiveFrom: '2026-01-01',
      fallbackKwhPerM3: 10.538,
      values: [{ zone: 'vidzeme', month: '2026-01', kwhPerM3: 10.55 }],
      source: 'test',
    }
    db()
      .prepare(
        `INSERT INTO reference_datasets (kind, version, effective_from, content_hash, payload, fetched_at)
        VALUES (?, ?, ?, 'c1', ?, '2026-01-01T00:00:00Z')`,
      )
      .run(calorific.kind, calorific.version, calorific.effectiveFrom, JSON.stringify(calorific))
    const w = await f.call<ReadingValidationResult>('reading.validate', { meterId, value: 2300 })
    expect(w.value).toMatchObject({ consumptionKwh: 1055, kwhPerM3: 10.55, calorificFallback: false })
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0)
  })

  it('refuses a future date and an unknown meter with typed errors', async () => {
    const meterId = f.addMeter(steadyHistory())
    const future = await f.call('reading.validate', { meterId, value: 2300, date: '2026-01-29' })
    expect(future.error).toMatchObject({ code: 'VALIDATION', messageKey: 'readings.errors.futureDate' })
    const unknown = await f.call('reading.validate', { meterId: 'no-such', value: 1 })
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', messageKey: 'readings.errors.meterNotFound' })
  })
})

describe('reading.record', () => {
  it('writes the reading, its outbox and audit rows, and announces the pending count', async () => {
    const meterId = f.addMeter(steadyHistory())
    const events: unknown[] = []
    f.backend.events.on((name, payload) => name === 'sync.status' && events.push(payload))
    const r = await f.call<Recorded>('reading.record', { meterId, value: 2300, channel: 'phone' })
    expect(r.ok).toBe(true)
    const row = db().prepare('SELECT * FROM readings WHERE id = ?').get(r.value!.readingId) as Record<
      string,
      unknown
    >
    const agent = db().prepare("SELECT id FROM agents WHERE username = 'liga'").get() as { id: string }
    expect(row).toMatchObject({
      meter_id: meterId,
      value: 2300,
      reading_date: '2026-01-28',
      period: '2026-01',
      source: 'agent',
      status: 'actual',
      channel: 'phone',
      agent_id: agent.id,
      on_behalf_of: 'tc-' + meterId.slice(3),
      out_of_window: 0,
    })
    const outbox = db().prepare('SELECT * FROM outbox').all() as Record<string, unknown>[]
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      name: 'reading.record',
      entity_id: r.value!.readingId,
      status: 'pending',
    })
    expect(JSON.parse(outbox[0].args as string)).toMatchObject({ meterId, value: 2300, channel: 'phone' })
    expect(
      count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'reading.record' AND customer_id IS NOT NULL",
      ),
    ).toBe(1)
    expect(r.value!.pending).toBe(1)
    expect(events).toEqual([expect.objectContaining({ pending: 1 })])
  })

  it('answers with the refreshed meter card, window state and sync status, so a save is one round trip', async () => {
    const meterId = f.addMeter(steadyHistory())
    const r = await f.call<Recorded>('reading.record', { meterId, value: 2300, channel: 'phone' })
    expect(r.ok).toBe(true)
    const after = await f.call<{ card: unknown; windowState: unknown }>('reading.meter', { meterId })
    expect(r.value!.card).toEqual(after.value!.card)
    expect(r.value!.card.lastReadings[0]).toMatchObject({ id: r.value!.readingId, value: 2300 })
    expect(r.value!.windowState).toEqual(after.value!.windowState)
    const status = await f.call('sync.status', {})
    expect(r.value!.syncStatus).toEqual(status.value)
    expect(r.value!.syncStatus.pending).toBe(1)
  })

  it('blocks on blocking findings and writes nothing', async () => {
    const meterId = f.addMeter(steadyHistory())
    for (const value of [2100, 2200 + 5000, 123456, 2300.5]) {
      const r = await f.call('reading.record', { meterId, value, channel: 'visit' })
      expect(r.error).toMatchObject({ code: 'VALIDATION', messageKey: 'readings.errors.blocked' })
    }
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0)
    expect(count('SELECT count(*) AS n FROM readings WHERE meter_id = ?', meterId)).toBe(12)
  })

  it('needs the agent to confirm warnings: implausibly high use, a register rollover', async () => {
    const meterId = f.addMeter(steadyHistory())
    const high = await f.call('reading.record', { meterId, value: 3500, channel: 'phone' })
    expect(high.error).toMatchObject({ code: 'CONFLICT', details: { codes: ['consumption-high'] } })
    const ok = await f.call<Recorded>('reading.record', {
      meterId,
      value: 3500,
      channel: 'phone',
      confirmed: ['consumption-high'],
    })
    expect(ok.ok).toBe(true)
    const flags = JSON.parse(
      (db().prepare('SELECT flags FROM readings WHERE id = ?').get(ok.value!.readingId) as { flags: string })
        .flags,
    )
    expect(flags.confirmed).toEqual(['consumption-high'])

    const rolled = f.addMeter(
      [
        { value: 9850, date: '2025-11-28', period: '2025-11' },
        { value: 9950, date: '2025-12-28', period: '2025-12' },
      ],
      { digits: 4 },
    )
    const v = await f.call<ReadingValidationResult>('reading.validate', { meterId: rolled, value: 50 })
    expect(v.value).toMatchObject({ needsConfirmation: ['rollover'], consumptionM3: 100 })
    expect(
      (
        await f.call('reading.record', {
          meterId: rolled,
          value: 50,
          channel: 'letter',
          confirmed: ['rollover'],
        })
      ).ok,
    ).toBe(true)
  })

  it('takes a second reading for the period only as a correction with a reason; the first stays in history', async () => {
    const meterId = f.addMeter(steadyHistory())
    const first = await f.call<Recorded>('reading.record', { meterId, value: 2300, channel: 'phone' })
    const again = await f.call('reading.record', { meterId, value: 2310, channel: 'phone' })
    expect(again.error).toMatchObject({ code: 'VALIDATION', details: { findings: ['duplicate-period'] } })
    const dry = await f.call<ReadingValidationResult>('reading.validate', {
      meterId,
      value: 2310,
      correctionReason: 'typo',
    })
    expect(dry.value!.replaces).toMatchObject({ id: first.value!.readingId, value: 2300 })
    const fixed = await f.call<Recorded>('reading.record', {
      meterId,
      value: 2310,
      channel: 'phone',
      correctionReason: 'Klients nosauca nepareizi',
    })
    expect(fixed.ok).toBe(true)
    const row = db()
      .prepare('SELECT status, corrects_reading_id, reason FROM readings WHERE id = ?')
      .get(fixed.value!.readingId)
    expect(row).toEqual({
      status: 'corrected',
      corrects_reading_id: first.value!.readingId,
      reason: 'Klients nosauca nepareizi',
    })
    const h = await f.call<{ readings: { id: string; effective: boolean; correctedById: string | null }[] }>(
      'reading.history',
      { meterId },
    )
    const byId = new Map(h.value!.readings.map((r) => [r.id, r]))
    expect(byId.get(first.value!.readingId)).toMatchObject({
      effective: false,
      correctedById: fixed.value!.readingId,
    })
    expect(byId.get(fixed.value!.readingId)).toMatchObject({ effective: true })
  })

  it('outside the window needs a reason and marks the reading out of window', async () => {
    const meterId = f.addMeter(steadyHistory())
    await f.moveTo(Date.parse('2026-02-10T09:00:00Z'))
    const none = await f.call('reading.record', { meterId, value: 2330, channel: 'visit' })
    expect(none.error).toMatchObject({
      code: 'VALIDATION',
      details: { findings: ['out-of-window-reason-required'] },
    })
    const r = await f.call<Recorded>('reading.record', {
      meterId,
      value: 2330,
      channel: 'visit',
      outOfWindowReason: 'move-out',
    })
    expect(r.ok).toBe(true)
    expect(r.value!.validation.outOfWindow).toBe(true)
    const row = db()
      .prepare('SELECT out_of_window, reason, period, reading_date FROM readings WHERE id = ?')
      .get(r.value!.readingId)
    expect(row).toEqual({
      out_of_window: 1,
      reason: 'move-out',
      period: '2026-01',
      reading_date: '2026-02-10',
    })
  })

  it('accepts a reading below a later estimate and flags the estimate for re-assessment', async () => {
    const history = steadyHistory().slice(0, 11)
    const meterId = f.addMeter([
      ...history,
      { value: 2500, date: '2026-01-05', period: '2025-12', status: 'estimated' },
    ])
    const r = await f.call<Recorded>('reading.record', { meterId, value: 2300, channel: 'email' })
    expect(r.ok).toBe(true)
    expect(r.value!.validation.findings.map((x) => x.code)).toContain('estimate-reassess')
    const estimate = db()
      .prepare("SELECT flags FROM readings WHERE meter_id = ? AND status = 'estimated'")
      .get(meterId) as { flags: string }
    expect(JSON.parse(estimate.flags)).toMatchObject({ reassess: true, reassessBecause: r.value!.readingId })
    const h = await f.call<{ readings: { status: string; reassess: boolean }[] }>('reading.history', {
      meterId,
    })
    expect(h.value!.readings.find((x) => x.status === 'estimated')!.reassess).toBe(true)
  })

  it('records a reading dated earlier (a letter) in the window of that date', async () => {
    const meterId = f.addMeter(steadyHistory())
    await f.moveTo(Date.parse('2026-02-01T12:00:00Z'))
    const r = await f.call<Recorded>('reading.record', {
      meterId,
      value: 2300,
      channel: 'letter',
      date: '2026-01-30',
    })
    expect(r.value!.validation).toMatchObject({ date: '2026-01-30', period: '2026-01', outOfWindow: false })
  })
})

describe('reading.history', () => {
  it('gives 24 months of consumption with kWh, estimated months marked, and every reading newest first', async () => {
    const history = steadyHistory()
    history[5] = { ...history[5], status: 'estimated' } as (typeof history)[number]
    const meterId = f.addMeter(history)
    const h = await f.call<{
      endMonth: string
      series: { month: string; m3: number | null; kwh: number | null; kind: string }[]
      readings: { date: string }[]
    }>('reading.history', { meterId })
    expect(h.value!.endMonth).toBe('2026-01')
    expect(h.value!.series).toHaveLength(24)
    expect(h.value!.series[23].month).toBe('2026-01')
    const june = h.value!.series.find((p) => p.month === '2025-06')!
    expect(june).toMatchObject({ m3: 100, kwh: 1054, kind: 'estimated' })
    expect(h.value!.series.find((p) => p.month === '2025-07')!.kind).toBe('actual')
    expect(h.value!.readings.map((r) => r.date)).toEqual(history.map((r) => r.date).reverse())
  })
})
