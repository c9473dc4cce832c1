import { parseArgs } from 'node:util'
import pino from 'pino'
import { createEnrolCode } from '../../central/admin/accounts'
import { purgeTombstones } from '../../central/admin/partitions'
import { seedCentral } from '../../central/admin/seed'
import { fleetStatus } from '../../central/admin/status'
import { DataFolderLockedError } from '../../central/db/lockfile'
import { CentralDbTooNewError } from '../../central/db/migrate'
import { createCentral } from '../../central'
import { blobDirOf, openCentralDatabase } from '../../central/open'
import type { Sql } from '../../central/db/sql'
import type { Command } from '../command'
import { UsageError } from '../command'

const USAGE = `gasdesk central --data DIR [--port N] [--host H]
       gasdesk central seed --data DIR --customers N --centres K [--seed S]
       gasdesk central enrol-code --data DIR --centre C --workstation W
       gasdesk central status --data DIR [--json]
       gasdesk central purge --data DIR [--older-than-days N]
With DATABASE_URL=postgres://… the same commands run on PostgreSQL (--data then only holds blob files).`

const int = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer >= ${min}`)
  return n
}

async function withDb<T>(data: string | undefined, job: (sql: Sql) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL || null
  if (!databaseUrl && !data) throw new UsageError('--data DIR is required (or set DATABASE_URL)')
  const sql = await openCentralDatabase({ dataDir: data, databaseUrl })
  try {
    return await job(sql)
  } finally {
    await sql.close()
  }
}

async function serve(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
  })
  if (!values.data)
    throw new UsageError('--data DIR is required (blob files live there; PGlite too without DATABASE_URL)')
  const port = values.port === undefined ? 5280 : int('--port', values.port, 0)
  const host = values.host ?? '127.0.0.1'
  const databaseUrl = process.env.DATABASE_URL || null
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2))
  const sql = await openCentralDatabase({ dataDir: values.data, databaseUrl })
  const central = await createCentral({ sql, blobDir: blobDirOf(values.data), logger })
  const address = await central.app.listen({ port, host })
  console.log(`GasDesk central: ${address.replace('[::1]', 'localhost')}`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await central.close()
  await sql.close()
  console.log('GasDesk central stopped')
  return 0
}

export const centralCommand: Command = {
  name: 'central',
  summary: 'Run the central system (PGlite in a data folder, or PostgreSQL via DATABASE_URL) and manage it',
  usage: USAGE,
  async run(argv) {
    const [sub, ...rest] = argv
    try {
      switch (sub) {
        case 'seed': {
          const { values } = parseArgs({
            args: rest,
            options: {
              data: { type: 'string' },
              customers: { type: 'string' },
              centres: { type: 'string' },
              seed: { type: 'string' },
            },
            strict: true,
          })
          const customers = int('--customers', values.customers ?? '1000', 0)
          const centres = int('--centres', values.centres ?? '2', 1)
          const started = Date.now()
          const r = await withDb(values.data, (sql) =>
            seedCentral(sql, { customers, centres, seed: values.seed ? int('--seed', values.seed, 0) : 1 }),
          )
          console.log(
            r.skipped
              ? `Customers already present: kept them; centres ${r.centres.join(', ')} and ${r.agents} agents ensured.`
              : `Seeded ${r.customers} customers (${r.readings} readings) in ${r.centres.join(', ')}, ${r.agents} agents, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
          )
          return 0
        }
        case 'enrol-code': {
          const { values } = parseArgs({
            args: rest,
            options: {
              data: { type: 'string' },
              centre: { type: 'string' },
              workstation: { type: 'string' },
            },
            strict: true,
          })
          if (!values.centre || !values.workstation)
            throw new UsageError('--centre C and --workstation W are required')
          const r = await withDb(values.data, (sql) =>
            createEnrolCode(sql, values.centre!, values.workstation!),
          )
          console.log(
            `Workstation ${values.workstation} of ${values.centre}; the code works once, until ${r.expiresAt}:`,
          )
          console.log(r.code)
          return 0
        }
        case 'status': {
          const { values } = parseArgs({
            args: rest,
            options: { data: { type: 'string' }, json: { type: 'boolean' } },
            strict: true,
          })
          const s = await withDb(values.data, fleetStatus)
          if (values.json) console.log(JSON.stringify(s, null, 2))
          else {
            console.log(`engine ${s.engine}, version ${s.version}, purge watermark ${s.purgeWatermark}`)
            console.log(
              `centres: ${s.centres.map((c) => `${c.id} (${c.customers} customers)`).join(', ') || 'none'}`,
            )
            console.log(`open conflicts ${s.openConflicts}, dead letters ${s.deadLetters}`)
            for (const w of s.workstations)
              console.log(
                `  ${w.centre}/${w.name}: ${w.revoked ? 'revoked' : w.enrolled ? 'enrolled' : 'not enrolled'}, last seq ${w.lastSeq}, lag ${w.lag ?? '-'}, conflicts ${w.openConflicts}, last push ${w.lastPushAt ?? '-'}, last pull ${w.lastPullAt ?? '-'}`,
              )
          }
          return 0
        }
        case 'purge': {
          const { values } = parseArgs({
            args: rest,
            options: { data: { type: 'string' }, 'older-than-days': { type: 'string' } },
            strict: true,
          })
          const days =
            values['older-than-days'] === undefined
              ? 180
              : int('--older-than-days', values['older-than-days'], 0)
          const r = await withDb(values.data, (sql) =>
            purgeTombstones(sql, new Date(Date.now() - days * 86_400_000)),
          )
          console.log(
            `Removed ${r.removed} tombstones older than ${days} days; purge watermark ${r.purgeWatermark}.`,
          )
          return 0
        }
        default:
          if (sub !== undefined && !sub.startsWith('--'))
            throw new UsageError(`Unknown central command: ${sub}`)
          return await serve(argv)
      }
    } catch (e) {
      if (e instanceof DataFolderLockedError || e instanceof CentralDbTooNewError) {
        console.error(e.message)
        return 1
      }
      throw e
    }
  },
}
