import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, daysBetween, isWorkingDay } from '../../../src/core/calendar'
import {
  paymentPlanState,
  proposePaymentPlan,
  type PaymentPlan,
  type PaymentPlanInput,
} from '../../../src/core/lifecycle'
import { DEFAULT_RECEIVABLES } from '../../../src/core/reference/receivables-default'

const propose = (over: Partial<PaymentPlanInput>) =>
  proposePaymentPlan({ debtCents: 25_000, instalments: 4, agreedOn: '2025-03-03', rounding: 'cent', ...over })
const codes = (r: ReturnType<typeof propose>) => (r.ok ? [] : r.problems.map((p) => p.code))
const plan = (r: ReturnType<typeof propose>): PaymentPlan => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.value
}

describe('proposePaymentPlan', () => {
  it('monthly on the 20th, moved to the next working day: 250.00 € in four', () => {
    const p = plan(propose({}))
    expect(p.instalments).toEqual([
      { no: 1, dueDate: '2025-03-20', amountCents: 6250 },
      { no: 2, dueDate: '2025-04-22', amountCents: 6250 }, // 20 Apr is Easter Sunday, 21 Apr Easter Monday
      { no: 3, dueDate: '2025-05-20', amountCents: 6250 },
      { no: 4, dueDate: '2025-06-20', amountCents: 6250 },
    ])
  })

  it('odd cents: shared one each (cent) or left to the last instalment (euro)', () => {
    expect(
      plan(propose({ debtCents: 10_001, instalments: 3 })).instalments.map((i) => i.amountCents),
    ).toEqual([3334, 3333, 3334])
    expect(
      plan(propose({ debtCents: 10_001, instalments: 3, rounding: 'euro' })).instalments.map(
        (i) => i.amountCents,
      ),
    ).toEqual([3400, 3400, 3201])
    // 120.10 € in 12: eleven whole-euro instalments of 11 € already make 121 €, nothing is left for the last.
    expect(codes(propose({ debtCents: 12_010, instalments: 12, rounding: 'euro' }))).toEqual([
      'euro-rounding-does-not-fit',
    ])
  })

  it('the first due date: at least 7 days after the agreement; a chosen day of the month is kept', () => {
    // Agreed on 15 March: the 20th is too close, so the first instalment is due on 22 April (the 20th is Easter).
    expect(plan(propose({ agreedOn: '2025-03-15' })).instalments[0].dueDate).toBe('2025-04-22')
    const chosen = plan(propose({ firstDueDate: '2025-03-31', instalments: 3 }))
    // 31 May 2025 is a Saturday: the third instalment is due on Monday 2 June.
    expect(chosen.instalments.map((i) => i.dueDate)).toEqual(['2025-03-31', '2025-04-30', '2025-06-02'])
    expect(codes(propose({ firstDueDate: '2025-03-05' }))).toEqual(['first-due-too-early'])
    expect(codes(propose({ firstDueDate: '2025-06-05' }))).toEqual(['first-due-too-late'])
  })

  it('limits: a positive debt, 2 to 12 instalments, none under 10 €', () => {
    expect(codes(propose({ debtCents: 0 }))).toEqual(['debt-not-positive'])
    expect(codes(propose({ instalments: 13 }))).toEqual(['instalment-count'])
    const small = propose({ debtCents: 2500, instalments: 3 })
    expect(small.ok ? null : small.problems[0]).toMatchObject({
      code: 'instalment-too-small',
      params: { min: 1000, maxInstalments: 2 },
    })
  })

  const inputArb = fc.record({
    debtCents: fc.integer({ min: 2000, max: 2_000_000 }),
    instalments: fc.integer({ min: 2, max: 12 }),
    agreedOn: fc.integer({ min: 0, max: 365 * 4 }).map((n) => addDays('2024-01-01', n)),
    firstOffset: fc.option(fc.integer({ min: 7, max: 45 })),
    rounding: fc.constantFrom('cent' as const, 'euro' as const),
  })

  it('property: the instalments add up to the debt to the cent, on working days, a month apart, in order', () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        const r = proposePaymentPlan({
          debtCents: x.debtCents,
          instalments: x.instalments,
          agreedOn: x.agreedOn,
          firstDueDate: x.firstOffset === null ? undefined : addDays(x.agreedOn, x.firstOffset),
          rounding: x.rounding,
        })
        if (!r.ok) {
          // Only these limits may refuse a well-formed request.
          for (const p of r.problems)
            expect([
              'instalment-too-small',
              'euro-rounding-does-not-fit',
              'first-due-too-early',
              'first-due-too-late',
            ]).toContain(p.code)
          const got = r.problems.map((p) => p.code)
          // Equal instalments are too small exactly when the debt / count is under 10 €.
          if (x.rounding === 'cent')
            expect(got.includes('instalment-too-small')).toBe(Math.floor(x.debtCents / x.instalments) < 1000)
          // Without a chosen first date the rule always finds one.
          if (x.firstOffset === null) expect(got.some((c) => c.startsWith('first-due'))).toBe(false)
          return
        }
        const list = r.value.instalments
        expect(list).toHaveLength(x.instalments)
        expect(list.reduce((s, i) => s + i.amountCents, 0)).toBe(x.debtCents)
        for (const i of list) {
          expect(isWorkingDay(i.dueDate)).toBe(true)
          expect(i.amountCents).toBeGreaterThanOrEqual(DEFAULT_RECEIVABLES.paymentPlan.minInstalmentCents)
        }
        if (x.rounding === 'cent')
          expect(
            Math.max(...list.map((i) => i.amountCents)) - Math.min(...list.map((i) => i.amountCents)),
          ).toBeLessThanOrEqual(1)
        else list.slice(0, -1).forEach((i) => expect(i.amountCents % 100).toBe(0))
        const first = daysBetween(x.agreedOn, list[0].dueDate)
        expect(first).toBeGreaterThanOrEqual(7)
        expect(first).toBeLessThanOrEqual(45)
        list.slice(1).forEach((i, k) => {
          const gap = daysBetween(list[k].dueDate, i.dueDate)
          expect(gap).toBeGreaterThanOrEqual(24)
          expect(gap).toBeLessThanOrEqual(38)
        })
      }),
    )
  })
})

describe('paymentPlanState', () => {
  const p = plan(propose({}))

  it('instalments are settled oldest first; each shows paid, late, partly paid, overdue or upcoming', () => {
    const s = paymentPlanState(
      p,
      [
        { id: 'a', date: '2025-03-19', amountCents: 6250 },
        { id: 'b', date: '2025-04-25', amountCents: 6250 },
        { id: 'c', date: '2025-05-10', amountCents: 1000 },
      ],
      '2025-05-25',
    )
    expect(s.instalments.map((i) => [i.no, i.status, i.paidCents, i.paidOn, i.daysOverdue])).toEqual([
      [1, 'paid', 6250, '2025-03-19', 0],
      [2, 'paid-late', 6250, '2025-04-25', 0],
      [3, 'overdue', 1000, null, 5],
      [4, 'upcoming', 0, null, 0],
    ])
    expect([s.status, s.paidCents, s.openCents, s.overpaidCents]).toEqual(['in-arrears', 13_500, 11_500, 0])
  })

  it('broken when an instalment is 30 days overdue; completed with everything paid; any excess is a credit', () => {
    expect(paymentPlanState(p, [], '2025-04-19').status).toBe('broken')
    expect(paymentPlanState(p, [], '2025-04-18').status).toBe('in-arrears')
    const all = paymentPlanState(p, [{ id: 'x', date: '2025-03-10', amountCents: 26_000 }], '2025-07-01')
    expect([all.status, all.overpaidCents]).toEqual(['completed', 1000])
    expect(all.instalments.every((i) => i.status === 'paid')).toBe(true)
  })

  it('property: payments are all accounted for and an extra payment never makes an instalment more open', () => {
    const paymentsArb = fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 150 }), amount: fc.integer({ min: 1, max: 10_000 }) }),
      { maxLength: 8 },
    )
    fc.assert(
      fc.property(
        paymentsArb,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 9000 }),
        (ps, t, extra) => {
          const today = addDays('2025-03-03', t)
          const payments = ps.map((x, i) => ({
            id: `p${i}`,
            date: addDays('2025-03-03', x.day),
            amountCents: x.amount,
          }))
          const s = paymentPlanState(p, payments, today)
          expect(s.paidCents + s.overpaidCents).toBe(payments.reduce((a, x) => a + x.amountCents, 0))
          expect(s.paidCents + s.openCents).toBe(p.debtCents)
          for (const i of s.instalments) {
            expect(i.paidCents + i.openCents).toBe(i.amountCents)
            expect(i.status === 'overdue').toBe(i.openCents > 0 && i.dueDate < today)
          }
          const more = paymentPlanState(p, [...payments, { id: 'z', date: today, amountCents: extra }], today)
          more.instalments.forEach((i, k) =>
            expect(i.openCents).toBeLessThanOrEqual(s.instalments[k].openCents),
          )
        },
      ),
    )
  })
})
