import type { PriceList, TariffDataset } from './tariffs'

/**
 * Built-in defaults, used until the central system delivers its reference data. 2023 and 2024 are the
 * DOMAIN.md table (AS Gaso distribution, Conexus transmission exit, excise per the Law on Excise Duties,
 * VAT 21 %). Nothing here is used by a code path directly: billing functions take a dataset argument.
 */
const householdBase = {
  group1MaxKWhPerYear: 2635,
  transmissionExitPerKWh: '0.0019297',
  excisePerMWh: '1.65',
  vatPercent: '21',
}

const rates2024 = {
  ...householdBase,
  distributionFixed: [
    { maxLoadM3h: '6', perMonth: '4.62' },
    { maxLoadM3h: '10', perMonth: '12.31' },
  ],
  distributionVariablePerMWh: { group1: '28.0907', group2: '12.1219' },
}

export const DEFAULT_TARIFFS: TariffDataset = {
  id: 'lv-household-gas',
  version: '2026.1-defaults',
  periods: [
    {
      from: '2023-01-01',
      source: 'DOMAIN.md table, 2023 column',
      rates: {
        ...householdBase,
        distributionFixed: [
          { maxLoadM3h: '6', perMonth: '3.30' },
          { maxLoadM3h: '10', perMonth: '9.09' },
        ],
        distributionVariablePerMWh: { group1: '22.9503', group2: '8.9199' },
      },
    },
    {
      from: '2024-01-01',
      source: 'DOMAIN.md table, 2024 column (Gaso: 4.62 EUR/month from 1 Jan 2024)',
      rates: rates2024,
    },
    {
      from: '2025-01-01',
      source:
        'Carried forward from 2024: the next distribution tariff change reported in the press took effect on ' +
        '1 Jan 2026; the 2025 transmission exit rate is not verified. Replace from the central system.',
      rates: rates2024,
    },
    {
      from: '2026-01-01',
      source:
        'Structure from the tariff the regulator approved for 1 Jan 2026 (the <= 6 m3/h band split into ' +
        '<= 4 and 4.1-6 m3/h). The approved amounts are not in this dataset: both new bands carry the 2024 ' +
        'fee forward as placeholders until the central system publishes the operator’s values.',
      rates: {
        ...rates2024,
        distributionFixed: [
          { maxLoadM3h: '4', perMonth: '4.62' },
          { maxLoadM3h: '6', perMonth: '4.62' },
          { maxLoadM3h: '10', perMonth: '12.31' },
        ],
      },
    },
  ],
}

export const DEFAULT_PRICE_LIST: PriceList = {
  product: 'standard',
  periods: [{ from: '2023-01-01', pricePerKWh: '0.045', source: 'DOMAIN.md placeholder, editable' }],
}

/** Contractual rules of the retailer: payment due on this day of the month after supply; late interest. */
export interface PaymentRules {
  dueDayOfNextMonth: number
  lateInterestPerDay: string
}

export const DEFAULT_PAYMENT_RULES: PaymentRules = { dueDayOfNextMonth: 20, lateInterestPerDay: '0.0015' }
