import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import { copyOfTemplate } from '../../helpers/seeded'
import { tempDir } from '../../helpers/tmp'

/** In the January 2026 window (27 Jan - 2 Feb); the seed's history ends with December 2025. */
export const IN_WINDOW = Date.parse('2026-01-28T10:00:00Z')
export const SEED_TODAY = '2026-01-27'

export interface ReadingsFixture {
  backend: Backend
  clock: ReturnType<typeof manualClock>
  call<T = unknown>(
    method: string,
    input: unknown,
  ): Promise<{
    ok: boolean
    value?: T
    error?: { code: string; messageKey: string; details?: Record<string, unknown> }
  }>
  /** A meter of our own with exactly these readings (oldest first). */
  /** Moves the clock and signs in again (a jump of days would otherwise lock the session). */
  moveTo(ms: number): Promise<void>
  addMeter(
    readings: { value: number; date: string; period: string; status?: string; outOfWindow?: boolean }[],
    opts?: { digits?: number },
  ): string
  cleanup(): Promise<void>
}

/** Only the steps readings need, so other areas' seed steps cannot break these tests. */
const READINGS_STEPS = ['agents', 'customers', 'premises', 'readings']

let counter = 0

/** A real SQLite file seeded with a few customers, the real backend on it, an agent signed in. */
export async function readingsFixture(customers = 12): Promise<ReadingsFixture> {
  const tmp = tempDir('gasdesk-readings-')
  // One seeded template for every test (and file) with these options; each test writes to its own copy.
  const dbFile = await copyOfTemplate(
    { customers, seed: 'readings-test', today: SEED_TODAY, steps: READINGS_STEPS },
    tmp.file('desk.sqlite'),
  )
  const clock = manualClock(IN_WINDOW)
  const backend = await createBackend({ dbFile, shell: 'test', clock })
  const call: ReadingsFixture['call'] = (method, input) => backend.dispatch(method, input, 'k1') as never
  const signed = await backend.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k1')
  if (!signed.ok) throw new Error('sign-in failed')
  const at = '2020-01-01T00:00:00.000Z'
  return {
    backend,
    clock,
    call,
    async moveTo(ms) {
      clock.set(ms)
      await backend.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k1')
    },
    addMeter(readings, opts = {}) {
      const n = ++counter
      const cdb = backend.ctx.db
      cdb
        .prepare(
          `INSERT INTO customers (id, customer_number, kind, first_name, last_name, created_at, updated_at)
        VALUES (?, ?, 'person', 'Test', 'Klients', ?, ?)`,
        )
        .run(`tc-${n}`, `T${n}`, at, at)
      cdb
        .prepare(
          `INSERT INTO premises (id, customer_id, subscriber_number, street, house, city, municipality,
        postal_code, billing_type, zone, supply_from, created_at, updated_at)
        VALUES (?, ?, ?, 'Raiņa iela', '1', 'Cēsis', 'Cēsu novads', 'LV-4101', 'invoice', 'vidzeme', '2020-01-01', ?, ?)`,
        )
        .run(`tp-${n}`, `tc-${n}`, `99000000${n}`, at, at)
      cdb
        .prepare(
          `INSERT INTO meters (id, premise_id, metering_point_id, serial, model, digits, max_flow_m3h, load_band,
        installed_at) VALUES (?, ?, ?, ?, 'BK-G4', ?, 6, 'upto6', '2020-01-01')`,
        )
        .run(`tm-${n}`, `tp-${n}`, `A9${String(n).padStart(8, '0')}`, `TS${n}`, opts.digits ?? 5)
      readings.forEach((r, i) => {
        const estimate = r.status === 'estimated'
        cdb
          .prepare(
            `INSERT INTO readings (id, meter_id, value, reading_date, period, source, status, out_of_window, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            `tr-${n}-${i}`,
            `tm-${n}`,
            r.value,
            r.date,
            r.period,
            estimate ? 'operator_estimate' : 'portal',
            r.status ?? 'actual',
            r.outOfWindow ? 1 : 0,
            `${r.date}T10:00:00.000Z`,
          )
      })
      return `tm-${n}`
    },
    async cleanup() {
      backend.close()
      tmp.cleanup()
    },
  }
}

/** Twelve monthly readings of ~100 m³ up to December 2025 (so January 2026 plausibly ~100 m³). */
export function steadyHistory(
  start = 1000,
  perMonth = 100,
): { value: number; date: string; period: string }[] {
  const out = []
  for (let i = 0; i < 12; i++) {
    const month = `2025-${String(i + 1).padStart(2, '0')}`
    out.push({ value: start + perMonth * (i + 1), date: `${month}-28`, period: month })
  }
  return out
}
