import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commitMutation } from '../../src/backend/db/mutations'
import { startCheckpointer } from '../../src/backend/db/checkpoint'
import { openDatabase } from '../../src/backend/db/open'
import { ensureWorkstation } from '../../src/backend/db/workstation'
import { percentile, type Benchmark } from './harness'

const WARMUP = 200
const SAMPLES = 3000

/**
 * A local mutation commit as an agent makes it: one reading row + outbox row + audit row in one
 * immediate transaction, on a real file with the production pragmas (WAL, synchronous NORMAL).
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'local mutation commit',
    run() {
      const dir = mkdtempSync(join(tmpdir(), 'gasdesk-bench-mutation-'))
      // As the backend opens it: WAL checkpoints run between calls (db/checkpoint.ts), not inside commits.
      const db = openDatabase(join(dir, 'desk.db'), { autoCheckpoint: false })
      const checkpointer = startCheckpointer(db)
      try {
        const ws = ensureWorkstation(db, 'bench-desk')
        const at = '2026-01-27T10:00:00.000Z'
        db.prepare(
          `INSERT INTO agents (id, username, display_name, role, language, password_hash, created_at)
          VALUES ('agent-1', 'bench', 'Bench', 'agent', 'lv', 'x', ?)`,
        ).run(at)
        db.prepare(
          `INSERT INTO customers (id, customer_number, kind, first_name, last_name, created_at, updated_at)
          VALUES ('cust-1', '1', 'person', 'Anna', 'Liepiņa', ?, ?)`,
        ).run(at, at)
        db.prepare(
          `INSERT INTO premises (id, customer_id, subscriber_number, street, house, city, municipality,
          postal_code, billing_type, zone, supply_from, created_at, updated_at)
          VALUES ('prem-1', 'cust-1', '100000001', 'Raiņa iela', '1', 'Cēsis', 'Cēsu novads', 'LV-4101', 'invoice', 'vidzeme',
            '2020-01-01', ?, ?)`,
        ).run(at, at)
        db.prepare(
          `INSERT INTO meters (id, premise_id, metering_point_id, serial, model, digits, max_flow_m3h, load_band,
          installed_at) VALUES ('meter-1', 'prem-1', 'A000000001', 'EL1', 'BK-G4', 5, 6, 'upto6', '2020-01-01')`,
        ).run()
        const insert =
          db.prepare(`INSERT INTO readings (id, meter_id, value, reading_date, period, source, status, channel,
          agent_id, on_behalf_of, created_at) VALUES (?, 'meter-1', ?, '2026-01-27', '2026-01', 'agent', 'actual', 'phone',
          'agent-1', 'cust-1', ?)`)
        const times: number[] = []
        for (let i = 0; i < WARMUP + SAMPLES; i++) {
          const id = randomUUID()
          const start = performance.now()
          commitMutation(
            db,
            { agentId: 'agent-1', workstation: ws.name, nowMs: Date.now() },
            {
              name: 'reading.record',
              entityType: 'reading',
              entityId: id,
              customerId: 'cust-1',
              args: { meterId: 'meter-1', value: i },
            },
            () => {
              insert.run(id, i, at)
              return { result: id, after: { value: i } }
            },
          )
          if (i >= WARMUP) times.push(performance.now() - start)
          // The timer's idle-time checkpoint, outside the timed commit (an agent's save never waits for it).
          if (i % 200 === 199) checkpointer.run()
        }
        return [
          { name: 'local mutation commit p50', unit: 'ms', value: percentile(times, 50) },
          { name: 'local mutation commit p99', unit: 'ms', value: percentile(times, 99), target: { max: 2 } },
          {
            name: 'local mutation commits per second',
            unit: 'ops/s',
            value: 1000 / (times.reduce((a, b) => a + b, 0) / times.length),
          },
        ]
      } finally {
        checkpointer.stop()
        db.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
