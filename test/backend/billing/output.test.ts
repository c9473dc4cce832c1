import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import { openDatabase } from '../../../src/backend/db/open'
import type { DesktopPort } from '../../../src/backend/desktop'
import { seedDatabase } from '../../../src/backend/seed'
import { PERMITTED_LOAD } from '../../../src/backend/seed/steps/billing'
import { computeInvoice, DEFAULT_PRICE_LIST, DEFAULT_TARIFFS } from '../../../src/core/billing'
import type { BatchProgress, MethodInput, MethodName, MethodOutput } from '../../../src/contract'
import { tempDir } from '../../helpers/tmp'

const TODAY = '2026-11-26'
const tmp = tempDir('gasdesk-output-')
const dbFile = tmp.file('billing.sqlite')

/** The operating system's side of the dialogs: what the agent answers, and the bytes a printer got. */
const os = {
  printAnswer: 'printed' as 'printed' | 'cancelled' | 'failed',
  printed: [] as Array<{ title: string; pdf: Buffer }>,
  saveTo: null as string | null,
  folder: null as string | null,
}
const desktop: DesktopPort = {
  async printPdf(pdf, title) {
    os.printed.push({ title, pdf: Buffer.from(pdf) })
    return os.printAnswer
  },
  chooseSaveFile: async () => os.saveTo,
  chooseFolder: async () => os.folder,
}

let electron: Backend
let browser: Backend
const events: Array<{ payload: BatchProgress; key: string | null }> = []

async function call<M extends MethodName>(
  b: Backend,
  method: M,
  input: MethodInput<M>,
  key = 'k1',
): Promise<MethodOutput<M>> {
  const r = await b.dispatch(method, input, key)
  if (!r.ok) throw Object.assign(new Error(`${method}: ${JSON.stringify(r.error)}`), { error: r.error })
  return r.value as MethodOutput<M>
}
const one = <T>(sql: string, ...args: unknown[]): T => electron.ctx.db.prepare(sql).get(...args) as T
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
const audits = (action: string, reason: string) =>
  one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = ? AND reason = ?`, action, reason).n

beforeAll(async () => {
  const db = openDatabase(dbFile)
  await seedDatabase(db, { customers: 40, seed: 'output-test', today: TODAY, billingMonths: 3 })
  db.close()
  const clock = manualClock(Date.parse(`${TODAY}T10:00:00Z`))
  electron = await createBackend({ dbFile, shell: 'electron', clock, demoAgents: true, desktop })
  browser = await createBackend({ dbFile, shell: 'browser', clock, demoAgents: true })
  for (const [b, key] of [
    [electron, 'k1'],
    [electron, 'k2'],
    [browser, 'k1'],
  ] as const) {
    const r = await b.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, key)
    expect(r.ok).toBe(true)
  }
  electron.events.on((event, payload, key) => {
    if (event === 'billing.batch') events.push({ payload: payload as BatchProgress, key })
  })
}, 120_000)
afterAll(() => {
  electron.close()
  browser.close()
  tmp.cleanup()
})

const anInvoice = () =>
  one<{ id: string; number: string; sub: string }>(
    `SELECT i.id, i.number, p.subscriber_number AS sub FROM invoices i JOIN premises p ON p.id = i.premise_id ORDER BY i.number LIMIT 1`,
  )

describe('print dialog and save as (Electron)', () => {
  it('hands the real invoice PDF to the print dialog and audits only a print that happened', async () => {
    const inv = anInvoice()
    const before = audits('print.invoice', 'print')
    os.printAnswer = 'cancelled'
    expect(await call(electron, 'billing.printDialog', { kind: 'invoice', id: inv.id })).toEqual({
      outcome: 'cancelled',
    })
    expect(audits('print.invoice', 'print')).toBe(before)
    os.printAnswer = 'printed'
    expect(await call(electron, 'billing.printDialog', { kind: 'invoice', id: inv.id })).toEqual({
      outcome: 'printed',
    })
    expect(audits('print.invoice', 'print')).toBe(before + 1)
    const last = os.printed.at(-1)!
    expect(last.title).toBe(inv.number)
    const file = tmp.file('printed.pdf')
    writeFileSync(file, last.pdf)
    const text = pdfText(file)
    expect(text).toContain(inv.number)
    expect(text).toContain(inv.sub)
  })

  it('saves where the agent chose, audited as a save; a cancelled dialog writes and audits nothing', async () => {
    const inv = anInvoice()
    const before = audits('print.invoice', 'save')
    os.saveTo = null
    expect(await call(electron, 'billing.saveAs', { kind: 'invoice', id: inv.id })).toEqual({ file: null })
    expect(audits('print.invoice', 'save')).toBe(before)
    os.saveTo = tmp.file('chosen.pdf')
    expect(await call(electron, 'billing.saveAs', { kind: 'invoice', id: inv.id })).toEqual({
      file: os.saveTo,
    })
    expect(readFileSync(os.saveTo).subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdfText(os.saveTo)).toContain(inv.number)
    const row = one<{ agent_id: string; customer_id: string; entity_id: string }>(
      `SELECT agent_id, customer_id, entity_id FROM audit_log WHERE action = 'print.invoice' AND reason = 'save' ORDER BY id DESC LIMIT 1`,
    )
    expect(row.entity_id).toBe(inv.id)
    expect(row.agent_id).toBeTruthy()
    expect(row.customer_id).toBeTruthy()
  })

  it('answers an unknown document with NOT_FOUND before any dialog opens', async () => {
    const n = os.printed.length
    await expect(
      call(electron, 'billing.printDialog', { kind: 'statement', id: 'nope' }),
    ).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    })
    expect(os.printed.length).toBe(n)
  })

  it('is UNAVAILABLE in the browser shell, which opens the PDF in a tab instead', async () => {
    const inv = anInvoice()
    for (const m of ['billing.printDialog', 'billing.saveAs'] as const) {
      await expect(call(browser, m, { kind: 'invoice', id: inv.id })).rejects.toMatchObject({
        error: { code: 'UNAVAILABLE', messageKey: 'invoices.error.desktopOnly' },
      })
    }
    await expect(
      call(browser, 'billing.batchStart', { kind: 'invoice', month: '2026-10', destination: 'folder' }),
    ).rejects.toMatchObject({ error: { code: 'UNAVAILABLE' } })
  })
})

/** Resolves with the final progress event of a job. */
const finished = (jobId: string) =>
  new Promise<BatchProgress>((resolve) => {
    const check = () => {
      const end = events.find((e) => e.payload.jobId === jobId && e.payload.state !== 'running')
      if (end) resolve(end.payload)
      else setTimeout(check, 20)
    }
    check()
  })

async function readAll(b: Backend, jobId: string, key = 'k1'): Promise<{ bytes: Buffer; slices: number }> {
  const parts: Buffer[] = []
  let offset: number | null = 0
  while (offset !== null) {
    const r: MethodOutput<'billing.batchRead'> = await call(b, 'billing.batchRead', { jobId, offset }, key)
    parts.push(Buffer.from(r.base64, 'base64'))
    offset = r.nextOffset
  }
  return { bytes: Buffer.concat(parts), slices: parts.length }
}

describe('batch printing', () => {
  it('prints a month of invoices into one PDF for download, with progress to the starting session only', async () => {
    const { ids } = await call(electron, 'billing.batchList', { kind: 'invoice', month: '2026-10' })
    expect(ids.length).toBeGreaterThan(5)
    const before = audits('print.invoice', 'batch')
    const start = await call(electron, 'billing.batchStart', {
      kind: 'invoice',
      month: '2026-10',
      destination: 'download',
    })
    expect(start.total).toBe(ids.length)
    const end = await finished(start.jobId!)
    expect(end).toMatchObject({ state: 'done', done: ids.length, total: ids.length })
    const mine = events.filter((e) => e.payload.jobId === start.jobId)
    expect(mine.every((e) => e.key === 'k1')).toBe(true)
    expect(mine.map((e) => e.payload.done)).toEqual(
      [...mine.map((e) => e.payload.done)].sort((a, b) => a - b),
    )
    // Another session cannot read it.
    await expect(
      call(electron, 'billing.batchRead', { jobId: start.jobId!, offset: 0 }, 'k2'),
    ).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    })
    const { bytes } = await readAll(electron, start.jobId!)
    const file = tmp.file('batch.pdf')
    writeFileSync(file, bytes)
    expect(pages(file)).toBeGreaterThanOrEqual(ids.length)
    const first = one<{ number: string }>(`SELECT number FROM invoices WHERE id = ?`, ids[0]).number
    const lastNo = one<{ number: string }>(`SELECT number FROM invoices WHERE id = ?`, ids.at(-1)).number
    const text = pdfText(file)
    expect(text).toContain(first)
    expect(text).toContain(lastNo)
    expect(audits('print.invoice', 'batch')).toBe(before + ids.length)
    // Read to the end: the temp file is gone and the job with it.
    await expect(
      call(electron, 'billing.batchRead', { jobId: start.jobId!, offset: 0 }),
    ).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    })
  })

  it("names the combined file in the agent's language (Latvian for Līga, Russian for Olga)", async () => {
    const r = await browser.dispatch('session.signIn', { username: 'olga', password: 'olga-demo' }, 'ru')
    expect(r.ok).toBe(true)
    const names: string[] = []
    for (const key of ['k1', 'ru']) {
      const start = await call(
        browser,
        'billing.batchStart',
        { kind: 'invoice', month: '2026-10', destination: 'download' },
        key,
      )
      expect(start.total).toBeGreaterThan(0)
      // The first slice is there once the job is done; its answer carries the file's name.
      let first = await browser.dispatch('billing.batchRead', { jobId: start.jobId!, offset: 0 }, key)
      while (!first.ok) {
        await new Promise((r) => setTimeout(r, 50))
        first = await browser.dispatch('billing.batchRead', { jobId: start.jobId!, offset: 0 }, key)
      }
      names.push((first.value as MethodOutput<'billing.batchRead'>).filename)
    }
    expect(names).toEqual(['rēķini-2026-10.pdf', 'счета-2026-10.pdf'])
  }, 120_000)

  it('writes one file each into the folder the agent chose (Electron)', async () => {
    const dir = tempDir('gasdesk-folder-')
    os.folder = dir.dir
    const { ids } = await call(electron, 'billing.batchList', { kind: 'statement', month: '2026-10' })
    const kind = ids.length ? 'statement' : 'invoice'
    const sel = { kind, month: '2026-10' } as const
    const expected = (await call(electron, 'billing.batchList', sel)).ids.length
    const start = await call(electron, 'billing.batchStart', { ...sel, destination: 'folder' })
    expect(await finished(start.jobId!)).toMatchObject({ state: 'done', done: expected })
    const files = readdirSync(dir.dir)
    expect(files).toHaveLength(expected)
    expect(files.every((f) => f.endsWith('.pdf'))).toBe(true)
    dir.cleanup()
  })

  it('returns no job when the agent cancels the dialog or the selection is empty', async () => {
    os.saveTo = null
    expect(
      await call(electron, 'billing.batchStart', { kind: 'invoice', month: '2026-10', destination: 'file' }),
    ).toMatchObject({
      jobId: null,
    })
    expect(
      await call(electron, 'billing.batchStart', {
        kind: 'invoice',
        month: '2019-01',
        destination: 'download',
      }),
    ).toEqual({ jobId: null, total: 0 })
  })

  it('stops between documents on cancel and leaves no partial combined PDF', async () => {
    os.saveTo = tmp.file('cancelled.pdf')
    const start = await call(electron, 'billing.batchStart', {
      kind: 'invoice',
      month: '2026-10',
      destination: 'file',
    })
    await expect(call(electron, 'billing.batchCancel', { jobId: start.jobId! }, 'k2')).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    })
    expect(await call(electron, 'billing.batchCancel', { jobId: start.jobId! })).toEqual({ cancelled: true })
    const end = await finished(start.jobId!)
    expect(end.state).toBe('cancelled')
    expect(end.done).toBeLessThan(end.total)
    expect(existsSync(os.saveTo)).toBe(false)
  })
})

describe('cost estimate for the reading entry', () => {
  it('prices kWh as one month on the premise with the billing run’s math; null for an unknown meter', async () => {
    const m = one<{ id: string; band: string; grp: 1 | 2 }>(
      `SELECT m.id, m.load_band AS band, p.consumption_group AS grp FROM meters m JOIN premises p ON p.id = m.premise_id LIMIT 1`,
    )
    const { estimate } = await call(electron, 'billing.estimate', {
      meterId: m.id,
      kWh: 1234,
      date: '2026-11-15',
    })
    const calc = computeInvoice({
      period: { from: '2026-11-01', to: '2026-11-30' },
      consumption: { kWh: 1234 },
      permittedLoadM3h: PERMITTED_LOAD[m.band],
      consumptionGroup: m.grp,
      tariffs: DEFAULT_TARIFFS,
      prices: DEFAULT_PRICE_LIST,
    })
    expect(estimate).toEqual({
      period: { from: '2026-11-01', to: '2026-11-30' },
      netCents: calc.netCents,
      vatCents: calc.vatCents,
      totalCents: calc.totalCents,
    })
    // More gas costs more; none still pays the fixed distribution part.
    const zero = (await call(electron, 'billing.estimate', { meterId: m.id, kWh: 0, date: '2026-11-15' }))
      .estimate!
    expect(zero.totalCents).toBeGreaterThan(0)
    expect(zero.totalCents).toBeLessThan(estimate!.totalCents)
    expect(
      await call(electron, 'billing.estimate', { meterId: 'no-such-meter', kWh: 10, date: '2026-11-15' }),
    ).toEqual({
      estimate: null,
    })
  })
})
