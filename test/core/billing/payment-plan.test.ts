import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BillingError, PLAN_LIMITS, planInstalments, planStatus } from '../../../src/core/billing'
import { addDays, dayNumber, fromDayNumber } from '../../../src/core/calendar/dates'
import { isWorkingDay } from '../../../src/core/calendar/holidays'

const day = (from: string, to: string) =>
  fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map((n) => fromDayNumber(n))

/** A valid request: a debt big enough for the count, the first due within 60 days of today. */
const request = fc
  .record({
    count: fc.integer({ min: PLAN_LIMITS.minInstalments, max: PLAN_LIMITS.maxInstalments }),
    extra: fc.integer({ min: 0, max: 5_000_000 }),
    today: day('2024-01-01', '2031-12-31'),
    lead: fc.integer({ min: 0, max: 60 }),
  })
  .map(({ count, extra, today, lead }) => ({
    debtCents: count * PLAN_LIMITS.minInstalmentCents + extra,
    instalments: count,
    today,
    firstDue: addDays(today, lead),
  }))

describe('payment plan instalments', () => {
  it('add up to the debt to the cent; all but the last equal, the last the largest by less than a round step', () => {
    fc.assert(
      fc.property(request, (req) => {
        const plan = planInstalments(req)
        expect(plan).toHaveLength(req.instalments)
        expect(plan.reduce((s, i) => s + i.amountCents, 0)).toBe(req.debtCents)
        const base = plan[0].amountCents
        expect(plan.slice(0, -1).every((i) => i.amountCents === base)).toBe(true)
        const last = plan[plan.length - 1].amountCents
        expect(last).toBeGreaterThanOrEqual(base)
        expect(last - base).toBeLessThan(base >= 1000 ? 100 * req.instalments : req.instalments)
        if (base >= 1000) expect(base % 100).toBe(0)
        expect(plan.every((i) => i.amountCents >= PLAN_LIMITS.minInstalmentCents)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('fall on Latvian working days, a month apart, in order, never before the first due date', () => {
    fc.assert(
      fc.property(request, (req) => {
        const plan = planInstalments(req)
        expect(plan.every((i) => isWorkingDay(i.due))).toBe(true)
        expect(plan[0].due >= req.firstDue).toBe(true)
        // Christmas (24–26 Dec) after a weekend is the longest run of days off: at most five days later.
        expect(dayNumber(plan[0].due) - dayNumber(req.firstDue)).toBeLessThanOrEqual(5)
        for (let k = 1; k < plan.length; k++) {
          expect(plan[k].due > plan[k - 1].due).toBe(true)
          const gap = dayNumber(plan[k].due) - dayNumber(plan[k - 1].due)
          expect(gap).toBeGreaterThanOrEqual(28 - 5)
          expect(gap).toBeLessThanOrEqual(31 + 5)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('keeps the day of month, the month end where a month is shorter, and moves off holidays', () => {
    const plan = planInstalments({
      debtCents: 120_000,
      instalments: 4,
      firstDue: '2027-01-31',
      today: '2027-01-10',
    })
    // 31 Jan 2027 is a Sunday → 1 Feb; 28 Feb is a Sunday → 1 Mar; 31 Mar; 30 Apr (Friday).
    expect(plan.map((i) => [i.due, i.amountCents])).toEqual([
      ['2027-02-01', 30_000],
      ['2027-03-01', 30_000],
      ['2027-03-31', 30_000],
      ['2027-04-30', 30_000],
    ])
    const odd = planInstalments({
      debtCents: 100_001,
      instalments: 3,
      firstDue: '2026-05-04',
      today: '2026-05-01',
    })
    // 4 May (Restoration of Independence Day) is a holiday: the first instalment is due on the 5th.
    expect(odd.map((i) => [i.due, i.amountCents])).toEqual([
      ['2026-05-05', 33_300],
      ['2026-06-04', 33_300],
      ['2026-07-06', 33_401],
    ])
    const small = planInstalments({
      debtCents: 1_999,
      instalments: 3,
      firstDue: '2026-06-10',
      today: '2026-06-01',
    })
    expect(small.map((i) => i.amountCents)).toEqual([666, 666, 667])
  })

  it('refuses what cannot be a plan, with the billing reason', () => {
    const ok = { debtCents: 10_000, instalments: 2, firstDue: '2026-12-10', today: '2026-12-03' }
    for (const bad of [
      { ...ok, debtCents: 0 },
      { ...ok, debtCents: 10.5 },
      { ...ok, instalments: 1 },
      { ...ok, instalments: 25 },
      { ...ok, instalments: 2.5 },
      { ...ok, firstDue: '2026-12-02' },
      { ...ok, firstDue: '2026-02-30' },
      { ...ok, debtCents: 999, instalments: 2 },
    ]) {
      expect(() => planInstalments(bad)).toThrow(BillingError)
      try {
        planInstalments(bad)
      } catch (e) {
        expect((e as BillingError).messageKey).toBe('billing.error.plan')
      }
    }
  })
})

describe('a plan as payments arrive', () => {
  const plan = planInstalments({
    debtCents: 30_050,
    instalments: 3,
    firstDue: '2026-12-10',
    today: '2026-12-03',
  })

  it('pays the oldest instalment first, partly or several at once, and marks what is overdue', () => {
    const s = planStatus(
      plan,
      [
        { on: '2026-12-09', amountCents: 10_000 },
        { on: '2027-01-20', amountCents: 5_000 },
      ],
      '2027-01-21',
    )
    expect(s.instalments.map((i) => [i.status, i.paidCents, i.remainingCents, i.paidOn])).toEqual([
      ['paid', 10_000, 0, '2026-12-09'],
      ['overdue', 5_000, 5_000, null],
      ['due', 0, 10_050, null],
    ])
    expect(s.next?.n).toBe(2)
    expect(s).toMatchObject({ paidCents: 15_000, remainingCents: 15_050, overpaidCents: 0 })
  })

  it('accounts for every cent paid: settled, remaining and overpaid add up, in order, whatever the payments', () => {
    fc.assert(
      fc.property(
        request,
        fc.array(
          fc.record({ lead: fc.integer({ min: 0, max: 800 }), amount: fc.integer({ min: 1, max: 300_000 }) }),
          {
            maxLength: 30,
          },
        ),
        fc.integer({ min: 0, max: 900 }),
        (req, pays, later) => {
          const p = planInstalments(req)
          const payments = pays.map((x) => ({ on: addDays(req.today, x.lead), amountCents: x.amount }))
          const s = planStatus(p, payments, addDays(req.today, later))
          const total = payments.reduce((a, x) => a + x.amountCents, 0)
          expect(s.paidCents + s.overpaidCents).toBe(total)
          expect(s.paidCents + s.remainingCents).toBe(req.debtCents)
          expect(s.paidCents).toBe(Math.min(total, req.debtCents))
          // Never a later instalment paid while an earlier one still owes.
          const firstOwing = s.instalments.findIndex((i) => i.remainingCents > 0)
          if (firstOwing >= 0)
            expect(s.instalments.slice(firstOwing + 1).every((i) => i.paidCents === 0)).toBe(true)
          expect(s.instalments.every((i) => (i.status === 'paid') === (i.remainingCents === 0))).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuses a payment that is not whole positive cents or not a date', () => {
    expect(() => planStatus(plan, [{ on: '2026-12-10', amountCents: 0 }], '2026-12-10')).toThrow(BillingError)
    expect(() => planStatus(plan, [{ on: '2026-13-10', amountCents: 5 }], '2026-12-10')).toThrow(BillingError)
  })
})
