import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ibanCheckDigits } from '../../../src/core/billing'
import { refundRequest, type RefundInput } from '../../../src/core/lifecycle'

const input = (over: Partial<RefundInput> = {}): RefundInput => ({
  customerId: 'c1',
  creditCents: 12_345,
  openCents: 2_345,
  iban: 'lv80 bank 0000 4351 9500 1',
  holderName: '  Jānis   Bērziņš ',
  requestedOn: '2025-03-10',
  requestedBy: 'liga',
  ...over,
})
const codes = (r: ReturnType<typeof refundRequest>) => (r.ok ? [] : r.problems.map((p) => p.code))

describe('refund of a credit balance', () => {
  it('refunds the credit left after what is still open, to the normalised IBAN', () => {
    expect(refundRequest(input())).toEqual({
      ok: true,
      value: {
        kind: 'refund',
        status: 'requested',
        customerId: 'c1',
        amountCents: 10_000,
        iban: 'LV80BANK0000435195001',
        holderName: 'Jānis Bērziņš',
        requestedOn: '2025-03-10',
        requestedBy: 'liga',
      },
    })
  })

  it('refuses: no credit, more than refundable, under 1 €, a bad IBAN, a missing or long name — all at once', () => {
    expect(codes(refundRequest(input({ creditCents: 2000 })))).toEqual(['no-credit'])
    const r = refundRequest(input({ amountCents: 10_001, iban: 'LV81BANK0000435195001', holderName: ' ' }))
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.params])).toEqual([
      ['refund-exceeds-refundable', { refundable: 10_000 }],
      ['iban', { reason: 'checksum' }],
      ['holder-name-required', {}],
    ])
    expect(codes(refundRequest(input({ amountCents: 99 })))).toEqual(['refund-too-small'])
    expect(codes(refundRequest(input({ holderName: 'x'.repeat(71) })))).toEqual(['holder-name-too-long'])
  })

  it('property: a request never pays out more than the credit beyond what is owed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.option(fc.integer({ min: 1, max: 1_000_000 })),
        fc.stringMatching(/^[A-Z]{4}\d{13}$/),
        (credit, open, amount, bban) => {
          const iban = `LV${ibanCheckDigits('LV', bban)}${bban}`
          const r = refundRequest(
            input({ creditCents: credit, openCents: open, amountCents: amount ?? undefined, iban }),
          )
          if (r.ok) {
            expect(r.value.amountCents).toBeLessThanOrEqual(credit - open)
            expect(r.value.amountCents).toBeGreaterThanOrEqual(100)
          } else
            expect(credit - open < 100 || (amount !== null && (amount > credit - open || amount < 100))).toBe(
              true,
            )
        },
      ),
    )
  })
})
