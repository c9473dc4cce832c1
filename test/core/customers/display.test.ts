import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addressLine, customerDisplayName } from '../../../src/core/customers/display'

describe('customer names and addresses, one rule everywhere', () => {
  it('names a person by first and last name, a business by its name, never "null"', () => {
    expect(
      customerDisplayName({ kind: 'person', first_name: 'Anna', last_name: 'Kalniņa', company_name: null }),
    ).toBe('Anna Kalniņa')
    expect(
      customerDisplayName({ kind: 'person', first_name: null, last_name: 'Liepa', company_name: null }),
    ).toBe('Liepa')
    expect(
      customerDisplayName({
        kind: 'business',
        first_name: 'x',
        last_name: 'y',
        company_name: 'SIA “Gāze & Co”',
      }),
    ).toBe('SIA “Gāze & Co”')
    expect(
      customerDisplayName({ kind: 'business', first_name: null, last_name: null, company_name: null }),
    ).toBe('')
  })

  it('writes a street address short and full, a rural house in quotes, and Rīga once', () => {
    const flat = {
      street: 'Brīvības iela',
      house: '12A',
      apartment: '5',
      town: 'Rīga',
      municipality: 'Rīga',
      postalCode: 'LV-1010',
    }
    expect(addressLine(flat)).toBe('Brīvības iela 12A-5, Rīga')
    expect(addressLine(flat, 'full')).toBe('Brīvības iela 12A-5, Rīga, LV-1010')
    const farm = {
      street: null,
      house: 'Ozoli',
      apartment: null,
      town: null,
      parish: 'Ropažu pagasts',
      municipality: 'Ropažu novads',
      postalCode: 'LV-2135',
    }
    expect(addressLine(farm, 'full')).toBe('“Ozoli”, Ropažu pagasts, Ropažu novads, LV-2135')
    expect(
      addressLine(
        {
          street: 'Rīgas iela',
          house: '3',
          apartment: null,
          town: 'Ādaži',
          municipality: 'Ādažu novads',
          postalCode: 'LV-2164',
        },
        'full',
      ),
    ).toBe('Rīgas iela 3, Ādaži, Ādažu novads, LV-2164')
  })

  it('never prints "null", "undefined", empty parts or doubled separators, whatever is missing', () => {
    const part = fc.option(
      fc.string({ maxLength: 12 }).map((s) => s.replace(/[,\s]/g, 'x')),
      { nil: null },
    )
    fc.assert(
      fc.property(
        fc.record({
          street: part,
          house: part,
          apartment: part,
          town: part,
          parish: part,
          municipality: part,
          postalCode: part,
        }),
        fc.constantFrom('short' as const, 'full' as const),
        (a, detail) => {
          const line = addressLine(a, detail)
          expect(line).not.toMatch(/null|undefined/)
          expect(line).not.toMatch(/, ,|^, |, $|\s{2}/)
        },
      ),
      { numRuns: 300 },
    )
  })
})
