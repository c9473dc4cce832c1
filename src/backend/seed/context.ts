import type { Db } from '../db/open'
import { addMonths, isIsoDate, monthOf, WINDOW_OPENING_DAY } from '../../core/calendar'
import { seededIds } from './ids'
import { createRng, type Rng } from './prng'

export interface SeedOptions {
  customers: number
  /** Any string; the same seed and `today` give the same rows. */
  seed: string
  /**
   * 'YYYY-MM-DD' (Europe/Riga). It only places the reading history: readings run for 24 periods up to
   * the last window opened before this day. The CLI passes the real date; tests pin it.
   */
  today: string
  /**
   * Complete months of invoices and statements to seed, up to last month (default 12): a desk's local
   * cache keeps the recent year; older bills live in the central system. Readings keep their 24 months.
   */
  billingMonths?: number
  /** Customers per transaction. */
  batchSize?: number
  log?: (message: string) => void
}

export interface SeedAgent {
  id: string
  username: string
  language: string
}

/** Everything a step may use. Each step draws from its own PRNG stream, so adding a step never shifts another's rows. */
export interface SeedContext {
  db: Db
  options: Required<Omit<SeedOptions, 'log'>>
  log: (message: string) => void
  /** The 24 reading periods ('YYYY-MM'), oldest first. */
  periods: readonly string[]
  /** First day of the reading history. */
  historyStart: string
  /** The demo agents (filled by the agents step). */
  agents: SeedAgent[]
  rng(stream: string): Rng
  /** Deterministic UUID-shaped ids for one stream (see ids.ts). */
  ids(stream: string): () => string
  /** Runs `fn` in a transaction per slice of `count` items. */
  inBatches(count: number, fn: (from: number, to: number) => void): void
  /**
   * Visits rows of a query page by page (a transaction per page), keyed by `key` (default rowid),
   * which the query must also select as `_r`.
   */
  eachPage<T extends { _r: number }>(sql: string, fn: (rows: T[]) => void, key?: string): void
}

/** Months of bills seeded by default (see SeedOptions.billingMonths). */
export const DEFAULT_BILLING_MONTHS = 12

/**
 * The last reading period whose window has opened before `today`: windows open on the 27th
 * (DOMAIN.md), so on 2026-03-15 it is 2026-02, on 2026-03-28 it is 2026-03.
 */
export function lastReadingPeriod(today: string): string {
  const month = monthOf(today)
  return Number(today.slice(8, 10)) > WINDOW_OPENING_DAY ? month : addMonths(month, -1)
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

/** An ISO instant on a calendar day at a given minute of the day (UTC, good enough for demo data). */
export const instantOn = (iso: string, minuteOfDay: number): string =>
  `${iso}T${pad2(Math.floor(minuteOfDay / 60) % 24)}:${pad2(minuteOfDay % 60)}:00.000Z`

/** Seeded ids count up from here (one ms per id): a fixed instant, not the clock. */
const ID_BASE_MS = Date.parse('2020-01-01T00:00:00Z')

export function createSeedContext(db: Db, options: SeedOptions): SeedContext {
  const batchSize = options.batchSize ?? 2000
  const last = lastReadingPeriod(options.today)
  const periods = Array.from({ length: 24 }, (_, i) => addMonths(last, i - 23))
  const billingMonths = options.billingMonths ?? DEFAULT_BILLING_MONTHS
  const full = {
    customers: options.customers,
    seed: options.seed,
    today: options.today,
    billingMonths,
    batchSize,
  }
  if (!Number.isInteger(billingMonths) || billingMonths < 0 || billingMonths > 23) {
    throw new Error(`billingMonths must be 0..23, got ${billingMonths}`)
  }
  if (!isIsoDate(options.today)) {
    throw new Error(`today must be YYYY-MM-DD, got ${options.today}`)
  }
  return {
    db,
    options: full,
    log: options.log ?? (() => {}),
    periods,
    historyStart: `${periods[0]}-01`,
    agents: [],
    rng: (stream) => createRng('gasdesk-seed', options.seed, stream),
    ids: (stream) => seededIds(createRng('gasdesk-seed-ids', options.seed, stream), ID_BASE_MS),
    inBatches(count, fn) {
      for (let from = 0; from < count; from += batchSize) {
        const to = Math.min(count, from + batchSize)
        db.transaction(() => fn(from, to))()
      }
    },
    eachPage<T extends { _r: number }>(sql: string, fn: (rows: T[]) => void, key = 'rowid') {
      const where = /\bwhere\b/i.test(sql) ? 'AND' : 'WHERE'
      const stmt = db.prepare(`${sql} ${where} ${key} > ? ORDER BY ${key} LIMIT ?`)
      let after = 0
      for (;;) {
        const rows = stmt.all(after, batchSize) as T[]
        if (rows.length === 0) return
        db.transaction(() => fn(rows))()
        after = rows[rows.length - 1]._r
      }
    },
  }
}

/** One composable part of the generator; later areas add theirs (invoices, messages, documents, FAQ). */
export interface SeedStep {
  name: string
  summary: string
  run(ctx: SeedContext): void | Promise<void>
}
