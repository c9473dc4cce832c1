import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../src/backend/db/open'
import { ensureWorkstation } from '../../src/backend/db/workstation'
import { seedDatabase, seedSteps } from '../../src/backend/seed'

/** Only what readings need: other areas' steps are not this benchmark's business. */
const READINGS_STEPS = seedSteps.filter((s) =>
  ['agents', 'customers', 'premises', 'readings'].includes(s.name),
)
import { evaluate, meterHistory, recordReading } from '../../src/backend/services/readings'
import { readSyncStatus } from '../../src/backend/services/sync-status'
import { percentile, type Benchmark } from './harness'

/** Inside the November 2026 window; the seeded history ends with October. */
const NOW = Date.parse('2026-11-27T10:00:00Z')
const WARMUP = 100

async function seeded(customers: number): Promise<{ db: Db; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-bench-readings-'))
  // As the backend opens it: WAL checkpoints run between calls (db/checkpoint.ts), not inside commits.
  const db = openDatabase(join(dir, 'desk.db'), { autoCheckpoint: false })
  await seedDatabase(db, { customers, seed: 'bench-readings', today: '2026-11-27' }, READINGS_STEPS)
  return { db, dir }
}

/** A value each meter accepts without warnings (found with the dry run, outside the timing). */
function acceptedValues(db: Db): { meterId: string; value: number }[] {
  const meters = db
    .prepare(
      `SELECT m.id, (SELECT value FROM readings r WHERE r.meter_id = m.id ORDER BY reading_date DESC LIMIT 1) AS last
       FROM meters m WHERE m.removed_at IS NULL`,
    )
    .all() as { id: string; last: number | null }[]
  const out: { meterId: string; value: number }[] = []
  for (const m of meters) {
    if (m.last === null) continue
    for (const add of [30, 60, 100, 15, 150, 8, 200, 300]) {
      if (evaluate(db, { meterId: m.id, value: m.last + add }, NOW).result.canSave) {
        out.push({ meterId: m.id, value: m.last + add })
        break
      }
    }
  }
  return out
}

export const benchmarks: Benchmark[] = [
  {
    name: 'reading validate + commit',
    async run() {
      const { db, dir } = await seeded(1500)
      try {
        const ws = ensureWorkstation(db, 'bench-desk')
        const agent = db.prepare("SELECT id FROM agents WHERE username = 'liga'").get() as { id: string }
        const slips = acceptedValues(db)
        const times: number[] = []
        const dry: number[] = []
        slips.forEach((s, i) => {
          const input = { ...s, channel: 'phone' as const }
          const t0 = performance.now()
          evaluate(db, input, NOW)
          const t1 = performance.now()
          // What reading.record does: validate again inside the transaction, write, read the pending count.
          recordReading(db, { agentId: agent.id, workstation: ws.name, nowMs: NOW }, input)
          readSyncStatus(db)
          const t2 = performance.now()
          if (i >= WARMUP) {
            dry.push(t1 - t0)
            times.push(t2 - t1)
          }
          // The backend's idle-time checkpoint, outside the timed save.
          if (i % 200 === 199) db.pragma('wal_checkpoint(PASSIVE)')
        })
        return [
          { name: 'reading.validate (dry run) p99', unit: 'ms', value: percentile(dry, 99) },
          { name: 'reading.record validate+commit p50', unit: 'ms', value: percentile(times, 50) },
          {
            name: 'reading.record validate+commit p99',
            unit: 'ms',
            value: percentile(times, 99),
            target: { max: 2 },
          },
          { name: 'reading.record samples', unit: 'n', value: times.length },
        ]
      } finally {
        db.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
  {
    name: 'reading history of 10 years',
    async run() {
      const { db, dir } = await seeded(50)
      try {
        const meter = db.prepare('SELECT id FROM meters WHERE removed_at IS NULL LIMIT 1').get() as {
          id: string
        }
        // Replace its history with 10 years of monthly readings, every 7th an estimate, a few corrections.
        db.prepare('DELETE FROM readings WHERE meter_id = ?').run(meter.id)
        const insert =
          db.prepare(`INSERT INTO readings (id, meter_id, value, reading_date, period, source, status,
          corrects_reading_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        let value = 1000
        for (let i = 0; i < 120; i++) {
          const y = 2016 + Math.floor((i + 10) / 12)
          const m = ((i + 10) % 12) + 1
          const period = `${y}-${String(m).padStart(2, '0')}`
          value += 40 + ((i * 37) % 90)
          const estimated = i % 7 === 3
          insert.run(
            `h${i}`,
            meter.id,
            value,
            `${period}-28`,
            period,
            estimated ? 'operator_estimate' : 'portal',
            estimated ? 'estimated' : 'actual',
            null,
            null,
            `${period}-28T10:00:00.000Z`,
          )
          if (i % 25 === 5)
            insert.run(
              `h${i}c`,
              meter.id,
              value + 1,
              `${period}-28`,
              period,
              'portal',
              'corrected',
              `h${i}`,
              'bench',
              `${period}-28T11:00:00.000Z`,
            )
        }
        const times: number[] = []
        for (let i = 0; i < 300; i++) {
          const t0 = performance.now()
          const h = meterHistory(db, meter.id, NOW)
          // The view needs it as JSON across the transport.
          JSON.stringify(h)
          times.push(performance.now() - t0)
        }
        return [
          { name: 'reading.history 10 years p50', unit: 'ms', value: percentile(times, 50) },
          {
            name: 'reading.history 10 years p99',
            unit: 'ms',
            value: percentile(times, 99),
            target: { max: 100 },
          },
        ]
      } finally {
        db.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
