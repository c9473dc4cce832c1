import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../../../src/core/calendar'
import { lateInterestCents } from '../../../src/core/billing'
import { allocatePayments, receivablesOverview, type Debit, type Payment } from '../../../src/core/lifecycle'
import { DEFAULT_RECEIVABLES } from '../../../src/core/reference/receivables-default'
import { validateReceivablesDataset } from '../../../src/core/reference/receivables'

const inv = (id: string, dueDate: string, amountCents: number, extra: Partial<Debit> = {}): Debit => ({
  id,
  kind: 'invoice',
  dueDate,
  amountCents,
  ...extra,
})
const pay = (id: string, date: string, amountCents: number, debitId: string | null = null): Payment => ({
  id,
  date,
  amountCents,
  debitId,
})

describe('allocatePayments', () => {
  it('a payment naming an invoice settles it; the rest, and unnamed payments, go to the oldest open debit', () => {
    const r = allocatePayments(
      [inv('feb', '2025-03-20', 5000), inv('jan', '2025-02-20', 6000), inv('mar', '2025-04-20', 4000)],
      [pay('p1', '2025-03-25', 7000, 'feb'), pay('p2', '2025-04-02', 3000)],
    )
    expect(r.debits.map((d) => [d.debit.id, d.paidCents, d.openCents, d.settledOn])).toEqual([
      ['jan', 5000, 1000, null],
      ['feb', 5000, 0, '2025-03-25'],
      ['mar', 0, 4000, null],
    ])
    expect(r.debits[0].allocations).toEqual([
      { paymentId: 'p1', date: '2025-03-25', amountCents: 2000 },
      { paymentId: 'p2', date: '2025-04-02', amountCents: 3000 },
    ])
    expect(r.creditCents).toBe(0)
  })

  it('what no debit takes is a credit; debits a plan took over are not paid oldest-first', () => {
    const r = allocatePayments(
      [inv('a', '2025-01-20', 1000, { inPlan: true }), inv('b', '2025-02-20', 1000)],
      [pay('p', '2025-02-01', 1500)],
    )
    expect(r.debits.map((d) => d.paidCents)).toEqual([0, 1000])
    expect(r.creditCents).toBe(500)
  })

  const rowsArb = fc.record({
    debits: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 200 }),
        amount: fc.integer({ min: 1, max: 50_000 }),
        inPlan: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    payments: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 300 }),
        amount: fc.integer({ min: 1, max: 60_000 }),
        names: fc.option(fc.nat(7)),
      }),
      { maxLength: 8 },
    ),
  })
  type Rows = typeof rowsArb extends fc.Arbitrary<infer T> ? T : never
  const build = (x: Rows) => {
    const debits = x.debits.map((d, i) =>
      inv(`d${i}`, addDays('2025-01-20', d.day), d.amount, { inPlan: d.inPlan }),
    )
    const payments = x.payments.map((p, i) =>
      pay(
        `p${i}`,
        addDays('2025-01-01', p.day),
        p.amount,
        p.names !== null && p.names < debits.length ? `d${p.names}` : null,
      ),
    )
    return { debits, payments }
  }

  it('property: every cent paid is on exactly one debit or in the credit, and no debit is overpaid', () => {
    fc.assert(
      fc.property(rowsArb, (x) => {
        const { debits, payments } = build(x)
        const r = allocatePayments(debits, payments)
        const paid = r.debits.reduce((s, d) => s + d.paidCents, 0)
        expect(paid + r.creditCents).toBe(payments.reduce((s, p) => s + p.amountCents, 0))
        for (const d of r.debits) {
          expect(d.paidCents + d.openCents).toBe(d.debit.amountCents)
          expect(d.openCents).toBeGreaterThanOrEqual(0)
          expect(d.allocations.reduce((s, a) => s + a.amountCents, 0)).toBe(d.paidCents)
          expect(d.settledOn === null).toBe(d.openCents > 0)
        }
        // A credit remains only when every debit open to oldest-first payment is settled.
        if (r.creditCents > 0)
          expect(r.debits.filter((d) => !d.debit.inPlan).every((d) => d.openCents === 0)).toBe(true)
      }),
    )
  })

  it('property: with unnamed payments, a later debit is never paid while an earlier one is open', () => {
    fc.assert(
      fc.property(rowsArb, (x) => {
        const { debits, payments } = build(x)
        const r = allocatePayments(
          debits.map((d) => ({ ...d, inPlan: false })),
          payments.map((p) => ({ ...p, debitId: null })),
        )
        const firstOpen = r.debits.findIndex((d) => d.openCents > 0)
        if (firstOpen >= 0) for (const d of r.debits.slice(firstOpen + 1)) expect(d.paidCents).toBe(0)
      }),
    )
  })

  it('property: one more payment never makes any debit more open', () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 300 }),
        (x, amount, day) => {
          const { debits, payments } = build(x)
          const before = allocatePayments(debits, payments)
          const after = allocatePayments(debits, [
            ...payments,
            pay('extra', addDays('2025-01-01', day), amount),
          ])
          before.debits.forEach((d, i) => expect(after.debits[i].openCents).toBeLessThanOrEqual(d.openCents))
        },
      ),
    )
  })
})

describe('receivablesOverview', () => {
  const debits = [
    inv('nov', '2024-12-20', 8000),
    inv('dec', '2025-01-20', 9000),
    inv('jan', '2025-02-20', 7000),
    { ...inv('int', '2025-02-20', 150), kind: 'interest' as const },
  ]
  const payments = [pay('p1', '2024-12-18', 8000, 'nov'), pay('p2', '2025-02-25', 4000)]

  it('ages what is open, sets the reminder level, and charges interest to date on each late piece', () => {
    const o = receivablesOverview({ debits, payments, today: '2025-03-10' })
    expect(o.items.map((i) => [i.id, i.openCents, i.daysOverdue, i.bucket])).toEqual([
      ['nov', 0, 0, null],
      ['dec', 5000, 49, 'd31to60'],
      ['int', 150, 18, 'd1to30'],
      ['jan', 7000, 18, 'd1to30'],
    ])
    expect([o.overdueCents, o.notDueCents, o.creditCents]).toEqual([12_150, 0, 0])
    expect(o.buckets.map((b) => [b.key, b.cents, b.count])).toEqual([
      ['d1to30', 7150, 2],
      ['d31to60', 5000, 1],
      ['d61to90', 0, 0],
      ['d91plus', 0, 0],
    ])
    // 49 days and 121.50 € overdue: past the 45-day, 30 € disconnection-notice threshold.
    expect(o.reminder).toEqual({ level: 3, key: 'disconnectionNotice', oldestDaysOverdue: 49 })
    // dec: 40.00 paid 36 days late, 50.00 open 49 days; jan: 70.00 open 18 days; no interest on interest.
    const dec =
      lateInterestCents(4000, '2025-01-20', '2025-02-25') +
      lateInterestCents(5000, '2025-01-20', '2025-03-10')
    expect(o.items.find((i) => i.id === 'dec')?.interestCents).toBe(dec)
    expect(dec).toBe(216 + 368)
    expect(o.items.find((i) => i.id === 'int')?.interestCents).toBe(0)
    expect(o.interestToDateCents).toBe(dec + lateInterestCents(7000, '2025-02-20', '2025-03-10'))
  })

  it('no reminder for a few cents, and none for debts a payment plan took over', () => {
    const small = receivablesOverview({
      debits: [inv('x', '2025-01-20', 300)],
      payments: [],
      today: '2025-03-10',
    })
    expect(small.reminder.level).toBe(0)
    const planned = receivablesOverview({
      debits: [inv('x', '2025-01-20', 90_000, { inPlan: true })],
      payments: [],
      today: '2025-03-10',
    })
    expect([
      planned.reminder.level,
      planned.overdueCents,
      planned.inPlanCents,
      planned.interestToDateCents,
    ]).toEqual([0, 0, 90_000, 0])
  })

  it('property: buckets add up to the overdue total; the reminder level never falls as days pass', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ day: fc.integer({ min: 0, max: 200 }), amount: fc.integer({ min: 1, max: 50_000 }) }),
          { maxLength: 8 },
        ),
        fc.array(
          fc.record({ day: fc.integer({ min: 0, max: 200 }), amount: fc.integer({ min: 1, max: 30_000 }) }),
          { maxLength: 5 },
        ),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 60 }),
        (ds, ps, t, later) => {
          const debits = ds.map((d, i) => inv(`d${i}`, addDays('2025-01-20', d.day), d.amount))
          const payments = ps.map((p, i) => pay(`p${i}`, addDays('2025-01-01', p.day), p.amount))
          // Payments after "today" have not happened yet.
          const today = addDays('2025-01-01', t)
          const seen = payments.filter((p) => p.date <= today)
          const o = receivablesOverview({ debits, payments: seen, today })
          expect(o.buckets.reduce((s, b) => s + b.cents, 0)).toBe(o.overdueCents)
          expect(o.overdueCents + o.notDueCents).toBe(o.items.reduce((s, i) => s + i.openCents, 0))
          const o2 = receivablesOverview({ debits, payments: seen, today: addDays(today, later) })
          expect(o2.reminder.level).toBeGreaterThanOrEqual(o.reminder.level)
          expect(o2.interestToDateCents).toBeGreaterThanOrEqual(o.interestToDateCents)
        },
      ),
    )
  })
})

describe('receivables reference data', () => {
  it('the built-in dataset is valid; broken thresholds and buckets are reported, every one', () => {
    expect(validateReceivablesDataset(DEFAULT_RECEIVABLES).ok).toBe(true)
    const broken = {
      ...DEFAULT_RECEIVABLES,
      reminderLevels: [DEFAULT_RECEIVABLES.reminderLevels[1], DEFAULT_RECEIVABLES.reminderLevels[0]],
      ageBuckets: [
        { key: 'a', minDays: 1, maxDays: 30 },
        { key: 'b', minDays: 40, maxDays: null },
      ],
      paymentPlan: { ...DEFAULT_RECEIVABLES.paymentPlan, maxInstalments: 1, dueDayOfMonth: 32 },
      refund: undefined,
    }
    const r = validateReceivablesDataset(broken)
    expect(r.ok ? [] : r.issues).toEqual([
      { path: 'reminderLevels[1].level', code: 'not-ascending' },
      { path: 'reminderLevels[1].minDaysOverdue', code: 'not-ascending' },
      { path: 'ageBuckets[1].minDays', code: 'not-ascending' },
      { path: 'paymentPlan.dueDayOfMonth', code: 'out-of-range' },
      { path: 'paymentPlan.maxInstalments', code: 'not-ascending' },
      { path: 'refund', code: 'missing' },
    ])
    expect(
      validateReceivablesDataset({
        ...DEFAULT_RECEIVABLES,
        ageBuckets: [{ key: 'a', minDays: 1, maxDays: 30 }],
      }).ok,
    ).toBe(false)
  })
})
