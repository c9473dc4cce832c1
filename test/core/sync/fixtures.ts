import { DEFAULT_CALENDAR } from '../../../src/core/reference/calendar-default'
import type { DecideContext } from '../../../src/core/sync/decide/types'
import type { CustomerRow, MeterRow, PremiseRow, ReadingRow } from '../../../src/core/sync/rows'
import { SyncStore } from '../../../src/core/sync/store'

export const NOW = '2026-02-27T12:00:00.000Z'

export function customer(over: Partial<CustomerRow> = {}): CustomerRow {
  return {
    id: 'c1',
    customer_number: '10000001',
    kind: 'person',
    first_name: 'Anna',
    last_name: 'Kalniņa',
    company_name: null,
    personal_code: '32345678901',
    registration_no: null,
    vat_no: null,
    email: 'anna@example.lv',
    phone: '+37120000001',
    preferred_language: 'lv',
    addr_street: 'Brīvības iela',
    addr_house: '1',
    addr_apartment: null,
    addr_city: 'Rīga',
    addr_municipality: null,
    addr_postal_code: 'LV-1010',
    addr_country: 'LV',
    service_centre_id: 'C1',
    field_versions: {},
    version: 1,
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
    ...over,
  }
}

export function premise(over: Partial<PremiseRow> = {}): PremiseRow {
  return {
    id: 'p1',
    customer_id: 'c1',
    subscriber_number: '100000001',
    contract_number: null,
    street: 'Brīvības iela',
    house: '1',
    apartment: null,
    city: 'Rīga',
    municipality: 'Rīga',
    postal_code: 'LV-1010',
    billing_type: 'invoice',
    monthly_instalment_cents: null,
    review_month: null,
    consumption_group: 1,
    zone: 'riga',
    supply_from: '2024-01-01',
    supply_to: null,
    billed_through: null,
    version: 1,
    created_at: '2024-01-01T00:00:00.000Z',
    updated_at: '2024-01-01T00:00:00.000Z',
    ...over,
  }
}

export function meter(over: Partial<MeterRow> = {}): MeterRow {
  return {
    id: 'm1',
    premise_id: 'p1',
    metering_point_id: 'A000000001',
    serial: 'SN-1',
    model: 'G4',
    digits: 5,
    max_flow_m3h: 6,
    load_band: 'upto6',
    installed_at: '2024-01-01',
    removed_at: null,
    version: 1,
    ...over,
  }
}

export function reading(over: Partial<ReadingRow> = {}): ReadingRow {
  return {
    id: 'r0',
    meter_id: 'm1',
    value: 1000,
    reading_date: '2026-01-27',
    period: '2026-01',
    source: 'agent',
    status: 'actual',
    channel: 'visit',
    agent_id: 'a0',
    on_behalf_of: 'c1',
    out_of_window: false,
    reason: null,
    corrects_reading_id: null,
    flags: null,
    version: 1,
    created_at: '2026-01-27T10:00:00.000Z',
    ...over,
  }
}

/** One customer with one premise, one meter and one January reading of 1000 m³. */
export function store(): SyncStore {
  const s = new SyncStore()
  s.apply({ customers: [customer()], premises: [premise()], meters: [meter()], readings: [reading()] })
  return s
}

export function ctx(over: Partial<DecideContext> = {}): DecideContext {
  let c = 20000000
  let p = 200000000
  return {
    now: NOW,
    agentId: 'a1',
    centreId: 'C1',
    clockSuspect: false,
    calendar: { calendar: DEFAULT_CALENDAR, honourMovedWorkingDays: true },
    entityId: 'c1',
    baseVersion: 1,
    issueNumber: (series) => String(series === 'customer' ? ++c : ++p),
    ...over,
  }
}
