import { closeSync, copyFileSync, openSync, statSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { FULL_CHECK_MAX_BYTES } from '../../../src/backend/db/preflight'
import { copyOfTemplate, seededTemplate } from '../../helpers/seeded'
import { tempDir } from '../../helpers/tmp'
import { sha256 } from './helpers'

const tmp = tempDir('gasdesk-damage-')
afterAll(() => tmp.cleanup())
const TEMPLATE = { customers: 30, seed: 'damage', today: '2026-11-26', billingMonths: 2 }

/** Leaf pages of `table` (as dbstat reports them), in page order. */
function leafPages(file: string, table: string): { pageSize: number; pages: number[] } {
  const db = new Database(file, { readonly: true })
  try {
    const pages = db
      .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno")
      .pluck()
      .all(table) as number[]
    return { pageSize: db.pragma('page_size', { simple: true }) as number, pages }
  } finally {
    db.close()
  }
}

/** Overwrites whole pages with deterministic junk, as a failing disk would. */
function scribble(file: string, pageSize: number, pages: number[]): void {
  const fd = openSync(file, 'r+')
  try {
    for (const p of pages) {
      const junk = Buffer.alloc(pageSize)
      for (let i = 0; i < pageSize; i++) junk[i] = (i * 131 + p * 7) & 0xff
      writeSync(fd, junk, 0, pageSize, (p - 1) * pageSize)
    }
  } finally {
    closeSync(fd)
  }
}

/** The backend and what it told the renderer about the storage. */
async function start(file: string): Promise<{ backend: Backend; states: string[] }> {
  const backend = await createBackend({ dbFile: file, shell: 'test', demoAgents: true, create: false })
  const states: string[] = []
  backend.events.on((e, p) => e === 'storage.status' && states.push((p as { state: string }).state))
  return { backend, states }
}

let sound = ''
beforeAll(async () => {
  // A real desk database grown past the pre-open check's limit, as the desk leaves it (WAL, closed).
  sound = tmp.file('large.sqlite')
  copyFileSync(await seededTemplate(TEMPLATE), sound)
  ;(await createBackend({ dbFile: sound, shell: 'test', demoAgents: true, create: false })).close()
  const db = new Database(sound)
  db.exec('CREATE TABLE scans (id INTEGER PRIMARY KEY, image BLOB NOT NULL)')
  const insert = db.prepare('INSERT INTO scans (image) VALUES (?)')
  db.transaction(() => {
    for (let i = 0; i < 11_500; i++) insert.run(Buffer.alloc(3000, i & 0xff))
  })()
  db.close()
  expect(statSync(sound).size).toBeGreaterThan(FULL_CHECK_MAX_BYTES)
}, 120_000)

describe('damage inside a large database', () => {
  it('is found by the background quick_check after open: writing stops, the agent is told, the file is kept', async () => {
    const file = tmp.file('large-damaged.sqlite')
    copyFileSync(sound, file)
    const { pageSize, pages } = leafPages(file, 'scans')
    // 64 pages in the middle of the big table: neither its root nor its first leaf, which open reads.
    const middle = Math.floor(pages.length / 2)
    scribble(file, pageSize, pages.slice(middle, middle + 64))
    const before = sha256(file)

    const { backend, states } = await start(file)
    try {
      expect(await backend.integrity).toMatchObject({ status: 'corrupt' })
      expect(states).toEqual(['corrupt'])
      expect(await backend.dispatch('app.info', {}, 'k1')).toMatchObject({ value: { storage: 'corrupt' } })
      // Agents can still sign in and look things up; nothing can be written any more.
      expect(
        await backend.dispatch('session.signIn', { username: 'janis', password: 'janis-demo' }, 'k1'),
      ).toMatchObject({ ok: true })
      expect(await backend.dispatch('settings.get', {}, 'k1')).toMatchObject({ ok: true })
      expect(await backend.dispatch('settings.update', { lockAfterMinutes: 30 }, 'k1')).toEqual({
        ok: false,
        error: { code: 'DB_CORRUPT', messageKey: 'errors.db.damaged' },
      })
    } finally {
      backend.close()
    }
    expect(sha256(file)).toBe(before)
  }, 120_000)

  it('leaves a sound large database alone', async () => {
    const { backend, states } = await start(sound)
    try {
      expect(await backend.integrity).toEqual({ status: 'ok' })
      expect(states).toEqual([])
      expect(backend.ctx.storage?.state).toBe('ok')
    } finally {
      backend.close()
    }
  }, 120_000)
})

describe('damage met while the desk runs', () => {
  it('answers DB_CORRUPT in words (never INTERNAL), tells the agent, and stops writing', async () => {
    const file = await copyOfTemplate(TEMPLATE, tmp.file('small.sqlite'))
    const { backend, states } = await start(file)
    try {
      expect(await backend.integrity).toEqual({ status: 'skipped' })
      await backend.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k1')
      // The disk damages invoice pages the desk has not read yet.
      const { pageSize, pages } = leafPages(file, 'invoices')
      scribble(file, pageSize, pages.slice(1))
      const r = await backend.dispatch('billing.batchList', { kind: 'invoice', month: '2026-10' }, 'k1')
      expect(r).toEqual({ ok: false, error: { code: 'DB_CORRUPT', messageKey: 'errors.db.damaged' } })
      expect(states).toEqual(['corrupt'])
      const write = await backend.dispatch('session.setLanguage', { language: 'ru' }, 'k1')
      expect(write).toEqual({ ok: false, error: { code: 'DB_CORRUPT', messageKey: 'errors.db.damaged' } })
    } finally {
      backend.close()
    }
  }, 120_000)
})
