import { computeInvoice, DEFAULT_PRICE_LIST, DEFAULT_TARIFFS } from '../../../src/core/billing'
import type { InvoicePrint, StatementPrint } from '../../../src/backend/documents/model'
import { toStoredLines } from '../../../src/backend/services/billing/lines'

/** DOMAIN.md's worked example: 5 m³ at 10.55 kWh/m³ in a 2024 month -> 10.51 EUR. */
export function workedExampleInvoice(overrides: Partial<InvoicePrint> = {}): InvoicePrint {
  const calc = computeInvoice({
    period: { from: '2024-03-01', to: '2024-03-31' },
    consumption: { volumeM3: 5, calorificValue: '10.55' },
    permittedLoadM3h: '6',
    consumptionGroup: 1,
    tariffs: DEFAULT_TARIFFS,
    prices: DEFAULT_PRICE_LIST,
  })
  return {
    language: 'en',
    number: 'GD-2024-0000042',
    issueDate: '2024-04-12',
    periodStart: '2024-03-01',
    periodEnd: '2024-03-31',
    dueDate: '2024-04-20',
    // As stored on invoices: the product's code; the page names it in each language.
    product: 'standard',
    customer: {
      name: 'Jānis Bērziņš',
      address: 'Brīvības iela 1-2, Rīga, LV-1010',
      customerNumber: '00012345',
      personalCode: null,
      registrationNo: null,
      vatNo: null,
    },
    premise: {
      address: 'Ķekavas iela 7, Ķekava, LV-2123',
      subscriberNumber: '100004567',
      contractNumber: 'L-2020-004567',
    },
    meter: { serial: 'G4-10045678', meteringPointId: 'A001234567' },
    readings: {
      start: { value: 1234, date: '2024-02-29', status: 'actual' },
      end: { value: 1239, date: '2024-03-31', status: 'estimated' },
    },
    volumeM3: 5,
    calorificValue: '10.55',
    energyKWh: calc.energyKWh,
    lines: toStoredLines(calc).map((l) => ({ ...l })),
    netCents: calc.netCents,
    vatCents: calc.vatCents,
    totalCents: calc.totalCents,
    balanceForwardCents: 0,
    lateInterestPerDay: '0.0015',
    ...overrides,
  }
}

/**
 * A year of balanced payment in Daugavpils: 47,00 EUR a month scheduled, one instalment (July) never
 * paid, so the amount due is the cost over the instalments plus the missed one.
 */
export function sampleStatement(overrides: Partial<StatementPrint> = {}): StatementPrint {
  const m3 = [90, 80, 60, 40, 20, 10, 8, 8, 15, 40, 70, 85]
  const cost = [9400, 8400, 6400, 4400, 2500, 1500, 1300, 1300, 2000, 4400, 7400, 8900]
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: `2024-${String(i + 1).padStart(2, '0')}`,
    volumeM3: m3[i],
    kWh: Math.round(m3[i] * 10.55),
    costCents: cost[i],
    instalmentCents: 4700,
    paidCents: i === 6 ? 0 : 4700,
    estimated: i === 5,
  }))
  return {
    language: 'ru',
    number: 'GDP-2024-0000007',
    issueDate: '2025-01-12',
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    dueDate: '2025-01-20',
    customer: {
      name: 'Анна Иванова',
      address: 'Rīgas iela 10, Daugavpils, LV-5401',
      customerNumber: '00054321',
      personalCode: '161175-19997',
      registrationNo: null,
      vatNo: null,
    },
    premise: {
      address: 'Rīgas iela 10, Daugavpils, LV-5401',
      subscriberNumber: '100009999',
      contractNumber: null,
    },
    meter: { serial: 'G4-555', meteringPointId: 'A009876543' },
    months,
    nextInstalmentCents: Math.round(cost.reduce((a, b) => a + b, 0) / 12),
    lateInterestPerDay: '0.0015',
    ...overrides,
  }
}
