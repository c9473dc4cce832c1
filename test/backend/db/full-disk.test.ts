import { copyFileSync, readdirSync } from 'node:fs'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { startCheckpointer } from '../../../src/backend/db/checkpoint'
import { DbUnavailableError } from '../../../src/backend/db/errors'
import { openDatabase } from '../../../src/backend/db/open'
import { seedOnFirstRun } from '../../../src/backend/host/first-run'
import { seededTemplate } from '../../helpers/seeded'
import { mountSmallDisk, tmpfsUnavailable, type SmallDisk } from '../../helpers/tmpfs'

const unavailable = tmpfsUnavailable()
if (unavailable) console.warn(`[full-disk tests skipped] ${unavailable}`)

let template = ''
let disk: SmallDisk | null = null
let backend: Backend | null = null
beforeAll(async () => {
  if (!unavailable) template = await seededTemplate({ customers: 20, seed: 'full-disk', today: '2026-11-26' })
})
afterEach(() => {
  vi.useRealTimers()
  try {
    backend?.close()
  } finally {
    backend = null
    disk?.unmount()
    disk = null
  }
})

/** A seeded desk database on its own 8 MB disk, as the desk leaves it: WAL mode, closed cleanly. */
async function deskOnSmallDisk(): Promise<string> {
  disk = mountSmallDisk(8 * 1024 * 1024)
  const file = disk.file('desk.sqlite')
  copyFileSync(template, file)
  ;(await createBackend({ dbFile: file, shell: 'test', demoAgents: true, create: false })).close()
  return file
}

async function signedIn(b: Backend, key = 'k1'): Promise<void> {
  expect(
    await b.dispatch('session.signIn', { username: 'janis', password: 'janis-demo' }, key),
  ).toMatchObject({
    ok: true,
  })
}

/** A small agent write: the supervisor changes the lock time. */
const write = (b: Backend, minutes: number) =>
  b.dispatch('settings.update', { lockAfterMinutes: minutes }, 'k1')

/** Rows that grow the database by new pages, so a checkpoint must grow the main file. */
function growWal(b: Backend): void {
  const insert = b.ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, json_quote(?))')
  b.ctx.db.transaction(() => {
    for (let i = 0; i < 300; i++) insert.run(`filler.${i}`, 'x'.repeat(2000))
  })()
}

describe.skipIf(!!unavailable)('a full disk', () => {
  it('answers writes with "the disk is full", stays up read-only, and writes again once space returns', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const file = await deskOnSmallDisk()
    backend = await createBackend({ dbFile: file, shell: 'test', demoAgents: true, create: false })
    const b = backend
    const states: string[] = []
    b.events.on((event, payload) => {
      if (event === 'storage.status') states.push((payload as { state: string }).state)
    })
    await signedIn(b)
    growWal(b)
    disk!.fill()
    expect(disk!.freeBytes()).toBe(0)

    expect(await write(b, 20)).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', messageKey: 'errors.SQLITE_FULL' },
    })
    expect(states).toEqual(['full'])
    // The checkpoint timer hits SQLITE_FULL too (the WAL needs the main file to grow): it must not throw.
    expect(() => vi.advanceTimersByTime(10_000)).not.toThrow()
    // Read-only: looking things up still works, and the renderer can ask how the storage is.
    expect(await b.dispatch('app.info', {}, 'k1')).toMatchObject({ ok: true, value: { storage: 'full' } })
    expect(await b.dispatch('settings.get', {}, 'k1')).toMatchObject({
      ok: true,
      value: { lockAfterMinutes: 15 },
    })
    expect(await b.dispatch('customers.search', { query: 'a' }, 'k1')).toMatchObject({ ok: true })
    // Another agent can still sign in on the read-only desk (the throttle falls back to memory).
    expect(
      await b.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k2'),
    ).toMatchObject({ ok: true })

    disk!.free(2 * 1024 * 1024)
    vi.advanceTimersByTime(2_000)
    expect(states).toEqual(['full', 'ok'])
    expect(await write(b, 20)).toEqual({ ok: true, value: { lockAfterMinutes: 20, sessionMaxHours: 10 } })
    b.close()
    backend = null
    const db = openDatabase(file, { create: false })
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.prepare("SELECT value FROM settings WHERE key = 'lockAfterMinutes'").pluck().get()).toBe('20')
    expect(db.prepare("SELECT count(*) FROM settings WHERE key LIKE 'filler.%'").pluck().get()).toBe(300)
    db.close()
  })

  it('keeps the checkpoint timer alive whatever a checkpoint throws', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const file = await deskOnSmallDisk()
    const db = openDatabase(file, { autoCheckpoint: false, create: false })
    const errors: string[] = []
    const checkpointer = startCheckpointer(db, 1_000, {
      onError: (e) => errors.push((e as { code: string }).code),
    })
    db.exec('CREATE TABLE grow (v TEXT)')
    const insert = db.prepare('INSERT INTO grow (v) VALUES (?)')
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run('y'.repeat(2000))
    })()
    disk!.fill()
    expect(() => vi.advanceTimersByTime(5_000)).not.toThrow()
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((c) => c === 'SQLITE_FULL' || c.startsWith('SQLITE_IOERR'))).toBe(true)
    disk!.free(4 * 1024 * 1024)
    expect(() => checkpointer.stop()).not.toThrow()
    expect(db.prepare('SELECT count(*) FROM grow').pluck().get()).toBe(500)
    db.close()
  })

  it('starts on a disk that is already full (no room for the -shm file), read-only, and writes once space returns', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const file = await deskOnSmallDisk()
    disk!.fill()
    backend = await createBackend({ dbFile: file, shell: 'test', demoAgents: true, create: false })
    const b = backend
    expect(b.ctx.storage?.state).toBe('full')
    await signedIn(b)
    expect(await b.dispatch('customers.search', { query: 'a' }, 'k1')).toMatchObject({ ok: true })
    expect(await write(b, 25)).toMatchObject({ ok: false, error: { messageKey: 'errors.SQLITE_FULL' } })
    disk!.free(2 * 1024 * 1024)
    vi.advanceTimersByTime(2_000)
    expect(b.ctx.storage?.state).toBe('ok')
    expect(await write(b, 25)).toMatchObject({ ok: true })
  })

  it('says "disk full" (never DB_CORRUPT) when there is no room to create the database, and leaves nothing behind', async () => {
    disk = mountSmallDisk(4 * 1024 * 1024)
    disk.fill()
    const file = disk.file('new.sqlite')
    const refusal = await seedOnFirstRun(file, 5).catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(DbUnavailableError)
    expect(refusal).toMatchObject({
      code: 'UNAVAILABLE',
      messageKey: 'errors.db.diskFull',
      details: { file },
    })
    expect(readdirSync(disk.dir).sort()).toEqual(['hog.bin'])
    // An existing database on a disk with not a byte left is not called damaged either.
    const existing = disk.file('existing.sqlite')
    disk.free(4 * 1024 * 1024)
    copyFileSync(template, existing)
    disk.fill()
    expect(() => openDatabase(existing, { create: false })).toThrow(
      expect.objectContaining({ code: 'UNAVAILABLE', messageKey: 'errors.db.diskFull' }),
    )
  })

  it('names a read-only folder as such', async () => {
    const file = await deskOnSmallDisk()
    disk!.readOnly(true)
    try {
      const refusal = await createBackend({ dbFile: file, shell: 'test', create: false }).catch(
        (e: unknown) => e,
      )
      expect(refusal).toMatchObject({
        code: 'UNAVAILABLE',
        messageKey: 'errors.db.readOnly',
        details: { file },
      })
    } finally {
      disk!.readOnly(false)
    }
  })
})
