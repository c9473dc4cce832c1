import { describe, expect, it } from 'vitest'
import { datasetInForce } from '../../../src/core/reference/calendar'
import { validateBalancedPaymentDataset } from '../../../src/core/reference/balanced-payment'
import { DEFAULT_BALANCED_PAYMENT } from '../../../src/core/reference/balanced-payment-default'
import { DEFAULT_RECEIVABLES } from '../../../src/core/reference/receivables-default'
import {
  allLifecycleMessageKeys,
  LIFECYCLE_PROBLEM_CODES,
  receivablesOverview,
} from '../../../src/core/lifecycle'

describe('lifecycle reference data', () => {
  it('balanced payment: the built-in dataset is valid; a broken one reports every problem', () => {
    expect(validateBalancedPaymentDataset(DEFAULT_BALANCED_PAYMENT).ok).toBe(true)
    const r = validateBalancedPaymentDataset({
      ...DEFAULT_BALANCED_PAYMENT,
      historyMonths: 24,
      roundUpToCents: 0,
      requiredReadingDays: [{ month: 2, day: 29 }],
      cookingOnlyReadsYearly: 'yes',
    })
    expect(r.ok ? [] : r.issues).toEqual([
      { path: 'historyMonths', code: 'out-of-range' },
      { path: 'roundUpToCents', code: 'out-of-range' },
      { path: 'cookingOnlyReadsYearly', code: 'wrong-type' },
      { path: 'requiredReadingDays[0]', code: 'bad-month-day' },
    ])
    expect(validateBalancedPaymentDataset(null)).toEqual({
      ok: false,
      issues: [{ path: '', code: 'not-object' }],
    })
  })

  it('versions are dated: the thresholds in force on the day decide the reminder level', () => {
    const stricter = {
      ...DEFAULT_RECEIVABLES,
      version: '2026.2',
      effectiveFrom: '2026-07-01',
      reminderLevels: DEFAULT_RECEIVABLES.reminderLevels.map((l) => ({
        ...l,
        minDaysOverdue: l.minDaysOverdue + 10,
      })),
    }
    const versions = [DEFAULT_RECEIVABLES, stricter]
    const debits = [{ id: 'x', kind: 'invoice' as const, dueDate: '2026-05-20', amountCents: 10_000 }]
    const level = (today: string) =>
      receivablesOverview({ debits, payments: [], today, dataset: datasetInForce(versions, today)! }).reminder
        .level
    // 41 days overdue on 30 June: warning (20+) under the old thresholds; 42 days on 1 July: still warning (30+).
    expect([level('2026-06-30'), level('2026-07-01')]).toEqual([2, 2])
    // 46 days on 5 July: the old rule would say disconnection notice (45), the new one waits until 55.
    expect(level('2026-07-05')).toBe(2)
    expect(receivablesOverview({ debits, payments: [], today: '2026-07-05' }).reminder.level).toBe(3)
  })

  it('every problem code has one message key under lifecycle.problem', () => {
    const keys = allLifecycleMessageKeys()
    expect(new Set(keys).size).toBe(LIFECYCLE_PROBLEM_CODES.length)
    expect(keys).toContain('lifecycle.problem.openingDiffersFromFinal')
    for (const k of keys) expect(k).toMatch(/^lifecycle\.problem\.[a-z][A-Za-z]+$/)
  })
})
