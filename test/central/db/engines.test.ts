import { afterEach, describe, expect, it } from 'vitest'
import { migrate, loadMigrations, CentralDbTooNewError } from '../../../src/central/db/migrate'
import { openPglite } from '../../../src/central/db/pglite'
import { DataFolderLockedError } from '../../../src/central/db/lockfile'
import type { Sql } from '../../../src/central/db/sql'
import { engines, freshDatabase, type TestDatabase } from '../support/engines'

describe.each(engines)('central database on %s', (engine) => {
  let db: TestDatabase
  const open: Sql[] = []
  const connect = async () => {
    const s = await db.open()
    open.push(s)
    return s
  }
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close().catch(() => undefined)
    await db?.drop()
  })

  it('returns the same JS values on both engines (int8, timestamptz, date, jsonb, bytea, bool)', async () => {
    db = await freshDatabase(engine)
    const sql = await connect()
    const [row] = await sql.query(
      `SELECT 9007199254740991::int8 AS big, '2026-03-10 08:15:00.123456+02'::timestamptz AS at,
         '2026-03-10'::date AS day, '{"a":[1,2]}'::jsonb AS doc, '\\x0102'::bytea AS bytes, true AS yes,
         NULL::text AS nothing, 1.5::float8 AS f`,
    )
    expect(row).toEqual({
      big: 9007199254740991,
      at: '2026-03-10T06:15:00.123Z',
      day: '2026-03-10',
      doc: { a: [1, 2] },
      bytes: Buffer.from([1, 2]),
      yes: true,
      nothing: null,
      f: 1.5,
    })
  })

  it('migrates forward once: every file recorded, a second run applies nothing', async () => {
    db = await freshDatabase(engine)
    const sql = await connect()
    const files = loadMigrations()
    const again = await migrate(sql)
    expect(again.applied).toEqual([])
    const rows = await sql.query<{ version: number }>(
      'SELECT version FROM central_migrations ORDER BY version',
    )
    expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.version))
  })

  it('refuses a database migrated by a newer central, touching nothing', async () => {
    db = await freshDatabase(engine)
    const sql = await connect()
    await sql.query("INSERT INTO central_migrations (version, name) VALUES (999, 'future')")
    await expect(migrate(sql)).rejects.toBeInstanceOf(CentralDbTooNewError)
  })

  it('rolls a failed transaction back and runs later ones normally', async () => {
    db = await freshDatabase(engine)
    const sql = await connect()
    await expect(
      sql.transaction(async (tx) => {
        await tx.query("INSERT INTO service_centres (id, name) VALUES ('X1', 'x')")
        await tx.query('SELECT 1/0')
      }),
    ).rejects.toThrow()
    await sql.transaction(async (tx) => tx.query("INSERT INTO service_centres (id, name) VALUES ('X2', 'y')"))
    const ids = await sql.query<{ id: string }>('SELECT id FROM service_centres ORDER BY id')
    expect(ids.map((r) => r.id)).toEqual(['X2'])
  })

  it('delivers a notification only after its transaction commits, never after a rollback', async () => {
    db = await freshDatabase(engine)
    const sql = await connect()
    const got: string[] = []
    await sql.listen('gasdesk_test', (p) => got.push(p))
    await sql.transaction(async (tx) => tx.notify('gasdesk_test', 'one')).catch(() => undefined)
    await sql
      .transaction(async (tx) => {
        tx.notify('gasdesk_test', 'lost')
        throw new Error('rolled back')
      })
      .catch(() => undefined)
    await sql.transaction(async (tx) => tx.notify('gasdesk_test', 'two'))
    await expect.poll(() => got, { timeout: 5000 }).toEqual(['one', 'two'])
  })
})

describe('PGlite data folder', () => {
  it('is guarded by a pid file: a second open is refused while the first is open, and allowed after close', async () => {
    const db = await freshDatabase('pglite')
    try {
      const first = await db.open()
      await expect(openPglite(db.dataDir!)).rejects.toBeInstanceOf(DataFolderLockedError)
      await first.close()
      const second = await db.open()
      expect(await second.query('SELECT count(*)::int AS n FROM service_centres')).toEqual([{ n: 0 }])
      await second.close()
    } finally {
      await db.drop()
    }
  })
})
