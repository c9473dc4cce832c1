import { randomBytes } from 'node:crypto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createBackend } from '../../../../src/backend'
import { manualClock } from '../../../../src/backend/clock'
import { PART_BYTES, readContent } from '../../../../src/backend/services/documents/content'
import type { DocumentDetail } from '../../../../src/contract/methods/documents'
import { makeContainer, makeKey, type TestKey } from '../../signatures/xml/xades-signer'
import { NOW, docsFixture, type DocsFixture } from './fixture'

/**
 * Issue 11 item 10: a large upload is stored a megabyte per transaction, each in its own turn of the
 * event loop, so other calls are answered while it is written; the row that makes the bytes visible
 * commits last, and nothing is left behind by a refused or interrupted upload.
 */
let f: DocsFixture
let key: TestKey
beforeAll(() => {
  key = makeKey('ec256')
})
beforeEach(async () => {
  f = await docsFixture()
})
afterEach(async () => {
  await f.cleanup()
})

/** A real signed container of about `mib` MiB (a random "scan" inside). */
const container = (mib: number): Buffer =>
  makeContainer(
    [{ name: 'scan.pdf', data: randomBytes(Math.round(mib * PART_BYTES)), mediaType: 'application/pdf' }],
    key,
  )

const add = (bytes: Buffer, fileName = 'large.asice') =>
  f.call<DocumentDetail>('document.add', {
    customerId: f.customerId,
    fileName,
    contentBase64: bytes.toString('base64'),
  })

describe('a document stored in parts', () => {
  it('splits into parts of at most 1 MiB, none inline, and reads back byte for byte', async () => {
    const bytes = container(2.5)
    const r = await add(bytes)
    expect(r.ok, JSON.stringify(r.error)).toBe(true)
    const id = r.value!.id
    const parts = f.backend.ctx.db
      .prepare(
        "SELECT part, length(bytes) AS n FROM document_parts WHERE document_id = ? AND kind = 'content' ORDER BY part",
      )
      .all(id) as { part: number; n: number }[]
    expect(parts.map((p) => p.part)).toEqual([0, 1, 2])
    expect(parts.every((p) => p.n <= PART_BYTES)).toBe(true)
    expect(parts.reduce((s, p) => s + p.n, 0)).toBe(bytes.length)
    const row = f.backend.ctx.db.prepare('SELECT content, file_path FROM documents WHERE id = ?').get(id)
    expect(row).toEqual({ content: null, file_path: 'parts' })
    expect(readContent(f.backend.ctx.db, id)!.equals(bytes)).toBe(true)
    // What the agent saves is the very file that was handed in.
    const file = await f.call<{ contentBase64: string }>('document.file', { id })
    expect(file.ok, JSON.stringify(file.error)).toBe(true)
    expect(Buffer.from(file.value!.contentBase64, 'base64').equals(bytes)).toBe(true)
  })

  it('is written over several turns of the event loop, with the row last', async () => {
    const bytes = container(3.2)
    const seen = new Set<string>()
    let watching = true
    const db = f.backend.ctx.db
    const watch = (): void => {
      if (!watching) return
      const parts = db.prepare('SELECT count(*) FROM document_parts').pluck().get() as number
      const rows = db.prepare('SELECT count(*) FROM documents').pluck().get() as number
      seen.add(`${parts}/${rows}`)
      setImmediate(watch)
    }
    setImmediate(watch)
    const r = await add(bytes)
    watching = false
    expect(r.ok).toBe(true)
    // Between the turns, other code saw the parts arrive one by one — and no row until all four were in.
    expect([...seen]).toEqual(expect.arrayContaining(['1/0', '2/0', '3/0', '4/0']))
    expect([...seen].some((s) => s.endsWith('/1'))).toBe(false)
    expect(f.count('SELECT count(*) FROM document_parts')).toBe(4)
    expect(f.count('SELECT count(*) FROM documents')).toBe(1)
  })

  it('leaves no parts behind when a parallel upload of the same file wins', async () => {
    const bytes = container(1.5)
    const results = await Promise.all([add(bytes, 'a.asice'), add(bytes, 'b.asice')])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.find((r) => !r.ok)!.error!.code).toBe('CONFLICT')
    const [winner] = results.filter((r) => r.ok).map((r) => r.value!.id)
    expect(f.count('SELECT count(*) FROM document_parts WHERE document_id <> ?', winner)).toBe(0)
    expect(f.count('SELECT count(*) FROM document_parts WHERE document_id = ?', winner)).toBe(2)
  })

  it('a deleted document takes its parts along', async () => {
    const r = await add(container(1.2))
    const id = r.value!.id
    expect(f.count('SELECT count(*) FROM document_parts WHERE document_id = ?', id)).toBe(2)
    f.backend.ctx.db.prepare('DELETE FROM documents WHERE id = ?').run(id)
    expect(f.count('SELECT count(*) FROM document_parts')).toBe(0)
  })

  it('parts whose row never committed (a killed process) are removed at the next start', async () => {
    const r = await add(container(0.5))
    const db = f.backend.ctx.db
    db.prepare(
      "INSERT INTO document_parts (document_id, kind, part, bytes) VALUES ('gone', 'content', 0, x'00')",
    ).run()
    const file = db.name
    f.backend.close()
    const again = await createBackend({ dbFile: file, shell: 'test', clock: manualClock(NOW), create: false })
    try {
      const ids = again.ctx.db.prepare('SELECT DISTINCT document_id FROM document_parts').pluck().all()
      expect(ids).toEqual([r.value!.id])
      expect(readContent(again.ctx.db, r.value!.id)).not.toBeNull()
    } finally {
      again.close()
      await again.ctx.validation.close()
    }
  })

  it('a row whose parts do not add up to its size reads as missing, not as a shorter file', async () => {
    const r = await add(container(1.1))
    const id = r.value!.id
    f.backend.ctx.db.prepare('DELETE FROM document_parts WHERE document_id = ? AND part = 1').run(id)
    expect(readContent(f.backend.ctx.db, id)).toBeNull()
  })
})
