import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import { estimateCost } from '../../../src/backend/services/billing/estimate'
import type { CustomerDraft } from '../../../src/contract'
import { makeLegacyPersonalCode } from '../../../src/core/personal-code'
import {
  computeInvoice,
  DEFAULT_PRICE_LIST,
  DEFAULT_TARIFFS,
  type TariffDataset,
} from '../../../src/core/billing'
import { tempDir } from '../../helpers/tmp'

// Meters created at the desk, on a real database file: each band `customer.create` stores must price.
let backend: Backend
const tmp = tempDir('gasdesk-estimate-')
const clock = manualClock(Date.parse('2026-11-26T10:00:00Z'))

const draft = (n: number, maxFlowM3h: number): CustomerDraft => ({
  kind: 'person',
  firstName: 'Anna',
  lastName: 'Kalniņa',
  personalCode: makeLegacyPersonalCode('1980-03-14', 100 + n)!,
  language: 'lv',
  address: { street: 'Brīvības iela', house: String(n), town: 'Rīga', postalCode: 'LV-1010' },
  premises: [
    {
      address: { street: 'Brīvības iela', house: String(n), town: 'Rīga', postalCode: 'LV-1010' },
      billingType: 'invoice',
      meter: {
        meteringPointId: `A00000000${n}`,
        serial: `EST-${n}`,
        digits: 5,
        maxFlowM3h,
        installationReading: 100,
      },
    },
  ],
})

async function meterWithMaxFlow(n: number, maxFlowM3h: number): Promise<string> {
  const r = await backend.dispatch('customers.create', { draft: draft(n, maxFlowM3h) }, 'k1')
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  const { customerId } = r.value as { customerId: string }
  return backend.ctx.db
    .prepare('SELECT m.id FROM meters m JOIN premises p ON p.id = m.premise_id WHERE p.customer_id = ?')
    .pluck()
    .get(customerId) as string
}

/** The 2026 tariffs with one more band above 10 m³/h, as an operator table for larger loads would have. */
const withBandAbove10: TariffDataset = {
  ...DEFAULT_TARIFFS,
  periods: DEFAULT_TARIFFS.periods.map((p) => ({
    ...p,
    rates: {
      ...p.rates,
      distributionFixed: [...p.rates.distributionFixed, { maxLoadM3h: '25', perMonth: '30.00' }],
    },
  })),
}

const priced = (kWh: number, permittedLoadM3h: string, tariffs: TariffDataset) => {
  const calc = computeInvoice({
    period: { from: '2026-11-01', to: '2026-11-30' },
    consumption: { kWh },
    permittedLoadM3h,
    consumptionGroup: 1,
    tariffs,
    prices: DEFAULT_PRICE_LIST,
  })
  return {
    period: calc.period,
    netCents: calc.netCents,
    vatCents: calc.vatCents,
    totalCents: calc.totalCents,
  }
}

beforeAll(async () => {
  backend = await createBackend({ dbFile: tmp.file('desk.sqlite'), shell: 'test', clock, demoAgents: true })
  const r = await backend.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k1')
  expect(r.ok).toBe(true)
})
afterAll(() => {
  backend.close()
  tmp.cleanup()
})

describe('cost estimate of a meter created at the desk', () => {
  it('prices meters up to 10 m³/h in the band of their permitted load', async () => {
    const db = backend.ctx.db
    for (const [n, flow, load] of [
      [1, 2.5, '6'],
      [2, 6, '6'],
      [3, 10, '10'],
    ] as const) {
      const meter = await meterWithMaxFlow(n, flow)
      expect(estimateCost(db, meter, 500, '2026-11-15')).toEqual(priced(500, load, DEFAULT_TARIFFS))
    }
  })

  it('prices a meter above 10 m³/h at its own maximum flow when the tariffs have a band for it', async () => {
    const meter = await meterWithMaxFlow(4, 16)
    const db = backend.ctx.db
    expect(db.prepare('SELECT load_band FROM meters WHERE id = ?').pluck().get(meter)).toBe('over10')
    expect(estimateCost(db, meter, 500, '2026-11-15', withBandAbove10)).toEqual(
      priced(500, '16', withBandAbove10),
    )
    // The household tariffs end at 10 m³/h (DOMAIN.md): no band, so no estimate — by the tariff, not a gap
    // in a lookup table.
    expect(estimateCost(db, meter, 500, '2026-11-15')).toBeNull()
  })
})
