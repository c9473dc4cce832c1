import { readdirSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentDetail } from '../../../src/contract/methods/documents'
import { MemoryTrustStore } from '../../../src/backend/signatures'
import { docsFixture, fixture, type DocsFixture } from '../documents/review/fixture'
import { manyNodesAsice } from './hostile'

/**
 * Issue 11 item 10: document validation runs in the backend's worker pool. A file over the heap or time
 * cap ends with a typed, localized refusal, nothing is stored, the worker is replaced, and the backend
 * keeps answering meanwhile. (How fast it answers is measured in test/bench/validation-pool.bench.ts.)
 */
const VALID = 'asice/terms_of_Account_Agreement_28062025_ENG.asice'
const OTHERS = [
  'asice/forged_lt.asice',
  'asice/latvian_signed_container.asice',
  'asice/valid-asice-lta.asice',
  'pdf/hellopades-pades-lt-sha256-sign.pdf',
  'asice/test.asice',
  VALID,
]

let f: DocsFixture | undefined
afterEach(async () => {
  await f?.cleanup()
  f = undefined
})

const upload = (fx: DocsFixture, bytes: Buffer, fileName: string) =>
  fx.call<DocumentDetail>('document.add', {
    customerId: fx.customerId,
    fileName,
    contentBase64: bytes.toString('base64'),
  })

/** Runs `during` while the hostile upload is in flight, and proves it was still in flight afterwards. */
async function whileHostile(fx: DocsFixture, during: () => Promise<void>) {
  let settled = false
  const hostile = upload(fx, manyNodesAsice(), 'nodes.asice').finally(() => {
    settled = true
  })
  await during()
  const duringWasBeforeEnd = !settled
  return { result: await hostile, duringWasBeforeEnd }
}

async function otherCallsAnswer(fx: DocsFixture): Promise<void> {
  // Give the worker time to start on the file, then ask cheap questions of the backend thread.
  while (fx.backend.ctx.validation.threads === 0) await new Promise((r) => setTimeout(r, 20))
  for (let i = 0; i < 5; i++) {
    expect((await fx.call('app.info', {})).ok).toBe(true)
    expect((await fx.call('document.list', { customerId: fx.customerId })).ok).toBe(true)
  }
}

describe('document validation in the worker pool', () => {
  it('a file over the heap cap is refused as too complex, in words, and nothing is stored', async () => {
    f = await docsFixture({ validation: { size: 1, memoryMb: 64, timeoutMs: 120_000 } })
    const fx = f
    const { result, duringWasBeforeEnd } = await whileHostile(fx, () => otherCallsAnswer(fx))
    expect(duringWasBeforeEnd).toBe(true)
    expect(result.ok).toBe(false)
    expect(result.error).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'documents.review.errors.check.memory',
      details: { reason: 'memory', limitMb: 64 },
    })
    expect(fx.count('SELECT count(*) FROM documents')).toBe(0)
    expect(fx.count("SELECT count(*) FROM outbox WHERE name = 'document.add'")).toBe(0)
    // The worker was replaced: the next file is validated as usual.
    const next = await upload(fx, fixture(VALID), 'valid.asice')
    expect(next.ok).toBe(true)
    expect(next.value?.status).toBe('VALID')
  }, 180_000)

  it('a file over the time cap is stopped and refused; the backend answered throughout', async () => {
    f = await docsFixture({ validation: { size: 1, memoryMb: 2048, timeoutMs: 300 } })
    const fx = f
    const { result, duringWasBeforeEnd } = await whileHostile(fx, async () => {
      expect((await fx.call('app.info', {})).ok).toBe(true)
    })
    expect(duringWasBeforeEnd).toBe(true)
    expect(result.error).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'documents.review.errors.check.time',
      details: { reason: 'time', limitSeconds: 1 },
    })
    expect(fx.count('SELECT count(*) FROM documents')).toBe(0)
    expect(fx.backend.ctx.validation.threads).toBe(0)
  }, 180_000)

  it('a stored file the checker stops keeps its report, and the bulk re-check goes on', async () => {
    f = await docsFixture({ validation: { size: 1, memoryMb: 64, timeoutMs: 120_000 } })
    const fx = f
    const good = (await upload(fx, fixture(VALID), 'valid.asice')).value!
    const other = (await upload(fx, fixture(OTHERS[0]), 'forged.asice')).value!
    // As if stored before the caps existed: the second document's bytes are now the hostile file.
    fx.backend.ctx.db.prepare('UPDATE documents SET content = ? WHERE id = ?').run(manyNodesAsice(), other.id)
    const single = await fx.call('document.revalidate', { id: other.id })
    expect(single.error).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'documents.review.errors.check.memory',
    })
    // A trust change re-checks every undecided document: the hostile one is skipped, not fatal.
    const bulk = await fx.supervisor('document.setTrustTestPki', { trustTestPki: true })
    expect(bulk.ok).toBe(true)
    const kept = await fx.call<DocumentDetail>('document.get', { id: other.id })
    expect(kept.value?.status).toBe('INVALID')
    expect(kept.value?.validatedAt).toBe(other.validatedAt)
    expect(
      fx.count(
        "SELECT count(*) FROM audit_log WHERE action = 'document.revalidate' AND entity_id = ?",
        good.id,
      ),
    ).toBe(1)
    expect(
      fx.count(
        "SELECT count(*) FROM audit_log WHERE action = 'document.revalidate' AND entity_id = ?",
        other.id,
      ),
    ).toBe(0)
  }, 180_000)

  it('parallel uploads are all answered, more of them than there are workers', async () => {
    f = await docsFixture({ validation: { size: 2 } })
    const fx = f
    const results = await Promise.all(OTHERS.map((rel) => upload(fx, fixture(rel), rel.split('/').pop()!)))
    expect(results.map((r) => r.ok)).toEqual(OTHERS.map(() => true))
    expect(results.map((r) => r.value?.status)).toContain('INVALID')
    expect(fx.count('SELECT count(*) FROM documents')).toBe(OTHERS.length)
    expect(fx.backend.ctx.validation.threads).toBeLessThanOrEqual(2)
  }, 180_000)

  it('a full queue refuses the extra upload as busy instead of piling up', async () => {
    f = await docsFixture({ validation: { size: 1, maxQueued: 1 } })
    const fx = f
    const results = await Promise.all(OTHERS.slice(0, 3).map((rel) => upload(fx, fixture(rel), rel)))
    const busy = results.filter((r) => !r.ok)
    expect(busy.length).toBeGreaterThanOrEqual(1)
    for (const r of busy)
      expect(r.error).toMatchObject({ code: 'UNAVAILABLE', messageKey: 'documents.review.errors.check.busy' })
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1)
  }, 180_000)

  it.runIf(process.platform === 'linux')(
    'stopping the backend ends every worker thread',
    async () => {
      const threads = () => readdirSync('/proc/self/task').length
      f = await docsFixture({ validation: { size: 2 } })
      const fx = f
      await Promise.all(OTHERS.slice(0, 2).map((rel) => upload(fx, fixture(rel), rel)))
      expect(fx.backend.ctx.validation.threads).toBe(2)
      const busy = threads()
      fx.backend.close()
      await fx.backend.ctx.validation.close()
      expect(fx.backend.ctx.validation.threads).toBe(0)
      // Each worker is at least one OS thread of this process; all of them are gone.
      expect(threads()).toBeLessThanOrEqual(busy - 2)
      await expect(
        fx.backend.ctx.validation.validate({
          bytes: fixture(VALID),
          fileName: 'late.asice',
          validationTime: new Date(),
          trustStore: new MemoryTrustStore(),
        }),
      ).rejects.toMatchObject({ kind: 'closed' })
    },
    180_000,
  )
})
