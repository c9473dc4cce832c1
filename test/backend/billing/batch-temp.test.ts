import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import type { BatchProgress } from '../../../src/contract'
import { copyOfTemplate } from '../../helpers/seeded'
import { tempDir } from '../../helpers/tmp'

const TODAY = '2026-11-26'
const tmp = tempDir('gasdesk-batch-temp-')
afterAll(() => tmp.cleanup())
let dbFile = ''
beforeAll(async () => {
  dbFile = await copyOfTemplate(
    { customers: 30, seed: 'batch-temp', today: TODAY, billingMonths: 2 },
    tmp.file('desk.sqlite'),
  )
})

async function started(): Promise<{ backend: Backend; events: BatchProgress[] }> {
  const clock = manualClock(Date.parse(`${TODAY}T10:00:00Z`))
  const backend = await createBackend({ dbFile, shell: 'browser', clock, demoAgents: true, create: false })
  const events: BatchProgress[] = []
  backend.events.on((e, p) => e === 'billing.batch' && events.push(p as BatchProgress))
  const r = await backend.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k1')
  expect(r.ok).toBe(true)
  return { backend, events }
}

/** The last complete billing month before TODAY. */
const month = '2026-10'

async function download(backend: Backend): Promise<string> {
  const r = await backend.dispatch(
    'billing.batchStart',
    { kind: 'invoice', month, destination: 'download' },
    'k1',
  )
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return (r.value as { jobId: string }).jobId
}

const batchDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`gasdesk-batch-${process.pid}-`))

describe('batch print temp files', () => {
  it('are private (folder 0700, PDF 0600), named after the process, and removed when the backend stops', async () => {
    const before = new Set(batchDirs())
    const { backend, events } = await started()
    const jobId = await download(backend)
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ jobId, state: 'done' }), { timeout: 60_000 })
    const mine = batchDirs().filter((d) => !before.has(d))
    expect(mine).toHaveLength(1)
    const dir = join(tmpdir(), mine[0])
    const [pdf] = readdirSync(dir)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, pdf)).mode & 0o777).toBe(0o600)
    // Never fetched: a clean stop must not leave customers' invoices in the temp folder.
    backend.close()
    expect(existsSync(dir)).toBe(false)
  }, 120_000)

  it('of a job still running are removed on stop too', async () => {
    const before = new Set(batchDirs())
    const { backend } = await started()
    await download(backend)
    const mine = batchDirs().filter((d) => !before.has(d))
    expect(mine).toHaveLength(1)
    backend.close()
    expect(existsSync(join(tmpdir(), mine[0]))).toBe(false)
    // The aborted job finishes on its own without recreating anything.
    await new Promise((r) => setImmediate(r))
    expect(existsSync(join(tmpdir(), mine[0]))).toBe(false)
  }, 120_000)

  it('left by a crashed run are removed on the next start; a live process’s and fresh unnamed ones stay', async () => {
    // A process id that surely ended: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!
    const mk = (name: string, ageMs = 0): string => {
      const dir = join(tmpdir(), name)
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, 'invoices-2026-10.pdf'), '%PDF-1.7 customer data')
      const t = (Date.now() - ageMs) / 1000
      utimesSync(dir, t, t)
      return dir
    }
    const crashed = mk(`gasdesk-batch-${dead}-AbC123`)
    const legacyOld = mk(`gasdesk-batch-Zq9x${dead}`, 2 * 60 * 60_000)
    const legacyFresh = mk(`gasdesk-batch-Fr3sh${dead}`)
    const live = mk(`gasdesk-batch-${process.ppid}-L1ve00`)
    try {
      const { backend } = await started()
      backend.close()
      expect(existsSync(crashed)).toBe(false)
      expect(existsSync(legacyOld)).toBe(false)
      expect(existsSync(legacyFresh)).toBe(true)
      expect(existsSync(live)).toBe(true)
    } finally {
      for (const d of [crashed, legacyOld, legacyFresh, live]) rmSync(d, { recursive: true, force: true })
    }
  }, 120_000)
})
