import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import { recordAccess } from '../../../src/backend/db/mutations'
import type { DesktopPort } from '../../../src/backend/desktop'
import type {
  AuditCursor,
  AuditFilters,
  AuditLogEntry,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../../src/contract'
import { AUDIT_ACTIONS } from '../../../src/core/audit/actions'
import { copyOfTemplate } from '../../helpers/seeded'
import { tempDir } from '../../helpers/tmp'

/**
 * The supervisor's audit log over the real dispatch on a seeded SQLite file: keyset pages that cover the
 * whole log exactly once, every filter, supervisors only, and the CSV export with its own audit row.
 */
let backend: Backend
const tmp = tempDir()
const clock = manualClock(Date.parse('2026-11-27T09:00:00Z'))
let saveTo: string | null = null
const desktop: DesktopPort = {
  printPdf: async () => 'printed',
  chooseSaveFile: async () => saveTo,
  chooseFolder: async () => null,
}

async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  key = 'sup',
): Promise<MethodOutput<M>> {
  const r = await backend.dispatch(method, input, key)
  if (!r.ok) throw Object.assign(new Error(`${method}: ${JSON.stringify(r.error)}`), { api: r.error })
  return r.value as MethodOutput<M>
}

let agents: { liga: string; olga: string; janis: string }
let customers: string[]

beforeAll(async () => {
  const file = await copyOfTemplate(
    { customers: 20, seed: 'audit-log', today: '2026-11-26' },
    tmp.file('a.sqlite'),
  )
  backend = await createBackend({ dbFile: file, shell: 'test', clock, demoAgents: true, desktop })
  for (const [key, user] of [
    ['sup', 'janis'],
    ['liga', 'liga'],
    ['olga', 'olga'],
  ] as const) {
    const r = await backend.dispatch('session.signIn', { username: user, password: `${user}-demo` }, key)
    expect(r.ok).toBe(true)
  }
  const db = backend.ctx.db
  const id = (u: string) => db.prepare('SELECT id FROM agents WHERE username = ?').pluck().get(u) as string
  agents = { liga: id('liga'), olga: id('olga'), janis: id('janis') }
  customers = db
    .prepare('SELECT id FROM customers ORDER BY customer_number LIMIT 5')
    .pluck()
    .all() as string[]
  // 300 rows over 30 days from two workstations, several at the very same instant (ties on `at`).
  const start = Date.parse('2026-10-28T21:30:00Z')
  for (let i = 0; i < 300; i++) {
    recordAccess(
      db,
      {
        agentId: i % 3 === 0 ? agents.olga : agents.liga,
        workstation: i % 4 === 0 ? 'DESK-2' : 'DESK-1',
        nowMs: start + Math.floor(i / 3) * 7_200_000,
      },
      {
        action: i % 5 === 0 ? 'document.view' : 'customer.view',
        customerId: customers[i % customers.length],
        entityType: 'customer',
        entityId: customers[i % customers.length],
      },
    )
  }
})
afterAll(() => {
  backend.close()
  tmp.cleanup()
})

async function allPages(filters: AuditFilters, limit: number): Promise<AuditLogEntry[]> {
  const out: AuditLogEntry[] = []
  let after: AuditCursor | null = null
  for (let pages = 0; pages < 1000; pages++) {
    const page: MethodOutput<'audit.list'> = await call('audit.list', { filters, after, limit })
    out.push(...page.entries)
    if (!page.next) return out
    after = page.next
  }
  throw new Error('paging never ended')
}

/** The same rows straight from SQLite, for comparison. */
function expected(where = '1 = 1', ...params: unknown[]): number[] {
  return backend.ctx.db
    .prepare(`SELECT id FROM audit_log WHERE ${where} ORDER BY at DESC, id DESC`)
    .pluck()
    .all(...params) as number[]
}

describe('audit log paging', () => {
  it('walks the whole log newest first, every row exactly once, for any page size', async () => {
    const all = expected()
    expect(all.length).toBeGreaterThanOrEqual(300)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 200 }), async (limit) => {
        const ids = (await allPages({}, limit)).map((e) => e.id)
        expect(ids).toEqual(all)
      }),
      { numRuns: 12 },
    )
  })

  it('filters by agent, action, workstation, customer and Riga period, alone and together', async () => {
    const ids = async (f: AuditFilters) => (await allPages(f, 37)).map((e) => e.id)
    expect(await ids({ agentId: agents.olga })).toEqual(expected('agent_id = ?', agents.olga))
    expect(await ids({ action: 'document.view' })).toEqual(expected("action = 'document.view'"))
    expect(await ids({ workstation: 'DESK-2' })).toEqual(expected("workstation = 'DESK-2'"))
    expect(await ids({ customerId: customers[2] })).toEqual(expected('customer_id = ?', customers[2]))
    // 01.11.2026 in Riga runs from 31.10. 22:00 UTC (winter time) to 01.11. 22:00 UTC.
    expect(await ids({ from: '2026-11-01', to: '2026-11-01' })).toEqual(
      expected("at >= '2026-10-31T22:00:00.000Z' AND at < '2026-11-01T22:00:00.000Z'"),
    )
    expect((await ids({ from: '2026-11-01', to: '2026-11-01' })).length).toBeGreaterThan(0)
    expect(
      await ids({ agentId: agents.liga, workstation: 'DESK-1', action: 'customer.view', from: '2026-11-05' }),
    ).toEqual(
      expected(
        "agent_id = ? AND workstation = 'DESK-1' AND action = 'customer.view' AND at >= '2026-11-04T22:00:00.000Z'",
        agents.liga,
      ),
    )
  })

  it('names the agent, workstation and customer of each row', async () => {
    const [e] = (await call('audit.list', { filters: { customerId: customers[0] }, limit: 1 })).entries
    const c = backend.ctx.db
      .prepare('SELECT customer_number, first_name, last_name, company_name FROM customers WHERE id = ?')
      .get(customers[0]) as {
      customer_number: string
      first_name: string | null
      last_name: string | null
      company_name: string | null
    }
    expect(e.customerNumber).toBe(c.customer_number)
    expect(e.customerName).toBe(c.company_name ?? `${c.first_name} ${c.last_name}`)
    expect(['Līga Ozoliņa', 'Olga Petrova', 'Ольга Петрова']).toContain(e.agentName)
    expect(['DESK-1', 'DESK-2']).toContain(e.workstation)
  })

  it('offers every agent, the workstations in the log and every action as filter choices', async () => {
    const o = await call('audit.options', {})
    expect(o.agents.map((a) => a.id).sort()).toEqual(Object.values(agents).sort())
    expect(o.workstations).toEqual(expect.arrayContaining(['DESK-1', 'DESK-2']))
    expect([...o.workstations].sort()).toEqual(o.workstations)
    expect(o.actions).toEqual([...AUDIT_ACTIONS])
  })

  it('is for supervisors only', async () => {
    for (const m of ['audit.list', 'audit.options', 'audit.export'] as const) {
      const r = await backend.dispatch(m, m === 'audit.options' ? {} : { filters: {} }, 'liga')
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('FORBIDDEN')
    }
  })

  it('refuses unknown actions and malformed dates or cursors as typed errors', async () => {
    for (const input of [
      { filters: { action: 'drop.table' } },
      { filters: { from: '27.11.2026' } },
      { filters: {}, after: { at: 'x', id: 'y' } },
      { filters: { agentId: '' } },
    ]) {
      const r = await backend.dispatch('audit.list', input, 'sup')
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('VALIDATION')
    }
  })

  it('reads one page through an index for every filter (no scan of the log)', () => {
    const plans: string[] = []
    const filters: string[] = [
      '',
      'WHERE l.agent_id = ?',
      'WHERE l.action = ?',
      'WHERE l.workstation = ?',
      'WHERE l.customer_id = ?',
      'WHERE l.at >= ? AND l.at < ?',
    ]
    const cursor = ' AND l.at <= ? AND (l.at < ? OR l.id < ?)'
    for (const w of [...filters, ...filters.slice(1).map((f) => f + cursor), `WHERE 1${cursor}`]) {
      const n = (w.match(/\?/g) ?? []).length
      const plan = backend.ctx.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT l.id FROM audit_log l ${w} ORDER BY l.at DESC, l.id DESC LIMIT 51`,
        )
        .all(...Array(n).fill('x')) as { detail: string }[]
      const text = plan.map((p) => p.detail).join(' | ')
      plans.push(text)
      expect(text, w).toMatch(/USING (COVERING )?INDEX audit_/)
      expect(text, w).not.toMatch(/TEMP B-TREE/)
      // After a cursor the index range starts at it: later pages cost what the first one does.
      if (w.includes('l.at <=')) expect(text, w).toMatch(/at<\?/)
    }
  })
})

describe('audit log export', () => {
  it('writes the filtered log as CSV in the agent language, in slices, and records the export', async () => {
    const filters: AuditFilters = { workstation: 'DESK-2' }
    const want = expected("workstation = 'DESK-2'")
    const before = backend.ctx.db
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'audit.export'")
      .pluck()
      .get() as number
    let after: AuditCursor | null = null
    let csv = ''
    const filenames = new Set<string>()
    let rows = 0
    for (;;) {
      const slice: MethodOutput<'audit.export'> = await call('audit.export', { filters, after, limit: 20 })
      csv += slice.csv
      filenames.add(slice.filename)
      rows = after ? rows : slice.rows
      if (!slice.next) break
      after = slice.next
    }
    expect([...filenames]).toEqual(['audita-zurnals-2026-11-27.csv'])
    expect(rows).toBe(want.length)
    const lines = csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe(
      'Laiks;Darbinieks;Darba vieta;Darbība;Klienta nr.;Klients;Par ko;Izmaiņas;Veids;Iemesls',
    )
    expect(lines).toHaveLength(want.length + 1)
    expect(lines[1]).toMatch(
      /^\d{2}\.\d{2}\.2026\. \d{2}:\d{2};(Līga Ozoliņa|Olga Petrova|Ольга Петрова);DESK-2;/,
    )
    expect(csv).toContain('Klienta profils atvērts')
    expect(csv).not.toMatch(/customer\.view|document\.view|\d{4}-\d{2}-\d{2}T/)
    // The export is on record once, with what was exported; its own row is not in the file.
    const rec = backend.ctx.db
      .prepare(
        "SELECT agent_id, after_json FROM audit_log WHERE action = 'audit.export' ORDER BY id DESC LIMIT 1",
      )
      .get() as { agent_id: string; after_json: string }
    expect(
      backend.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'audit.export'").pluck().get(),
    ).toBe(before + 1)
    expect(rec.agent_id).toBe(agents.janis)
    expect(JSON.parse(rec.after_json)).toEqual({ rows: want.length, workstation: 'DESK-2' })
    expect(csv).not.toContain('Audita žurnāls eksportēts')
  })

  it('keeps spreadsheets from running a reason as a formula and quotes separators', async () => {
    recordAccess(
      backend.ctx.db,
      { agentId: agents.liga, workstation: 'DESK-3', nowMs: clock.now() },
      { action: 'customer.revealPersonalCode', customerId: customers[0], reason: '=HYPERLINK("x";"y")' },
    )
    const slice = await call('audit.export', { filters: { workstation: 'DESK-3' } })
    const line = slice.csv.split('\r\n')[1]
    expect(line).toContain(`"'=HYPERLINK(""x"";""y"")"`)
  })

  it('in Electron saves the whole CSV where the save dialog says, and records it', async () => {
    saveTo = tmp.file('log.csv')
    const r = await call('audit.saveAs', { filters: { agentId: agents.olga } })
    expect(r.file).toBe(saveTo)
    expect(r.rows).toBe(expected('agent_id = ?', agents.olga).length)
    const text = readFileSync(saveTo, 'utf8')
    expect(
      text
        .replace(/^\ufeff/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(r.rows + 1)
    saveTo = null
    expect(await call('audit.saveAs', { filters: {} })).toEqual({ file: null, rows: 0 })
  })
})
