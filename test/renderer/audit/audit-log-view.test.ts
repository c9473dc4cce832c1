import { afterEach, describe, expect, it, vi } from 'vitest'
import { recordAccess } from '../../../src/backend/db/mutations'
import { useAuditLogStore } from '../../../src/renderer/stores/audit-log'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/**
 * The supervisor's Audit log section on the real backend (issue 10): no longer a placeholder; labelled
 * rows page over the whole log; filters narrow it; the CSV export downloads and is itself on record.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
  vi.restoreAllMocks()
})

function addRows(d: DeskOnBackend, n: number): void {
  const db = d.backend.ctx.db
  const liga = db.prepare("SELECT id FROM agents WHERE username = 'liga'").pluck().get() as string
  const customers = db.prepare('SELECT id FROM customers LIMIT 10').pluck().all() as string[]
  const start = Date.parse('2026-11-20T08:00:00Z')
  for (let i = 0; i < n; i++)
    recordAccess(
      db,
      { agentId: liga, workstation: i % 2 ? 'DESK-A' : 'DESK-B', nowMs: start + i * 60_000 },
      {
        action: i % 3 ? 'customer.view' : 'document.view',
        customerId: customers[i % 10],
        entityType: 'customer',
      },
    )
}

const rowsText = () =>
  [...document.querySelectorAll('[data-testid=audit-log] tbody tr')].map((r) => r.textContent ?? '')

describe('the Audit log section', () => {
  it('shows the log newest first with labels, and pages through all of it', async () => {
    desk = await mountOnBackend({ signInAs: 'janis', path: '/audit' })
    addRows(desk, 120)
    await desk.router.push('/')
    await desk.router.push('/audit')
    await desk.settle()
    const section = document.querySelector('[data-testid=audit-log]')!
    expect(section.textContent).not.toContain('vēl netiek rādīts')
    let rows = rowsText()
    expect(rows).toHaveLength(50)
    expect(rows[0]).toContain('Līga Ozoliņa')
    expect(rows.join('\n')).toContain('Klienta profils atvērts')
    expect(rows.join('\n')).not.toMatch(/customer\.view|document\.view|\d{4}-\d{2}-\d{2}/)
    const seen = new Set<string>()
    const collect = () =>
      [...document.querySelectorAll('[data-testid=audit-log] tbody tr')].forEach((r) => seen.add(r.outerHTML))
    collect()
    const next = () => document.querySelector<HTMLButtonElement>('[data-testid=audit-next]')!
    while (!next().disabled) {
      next().click()
      await desk.settle()
      collect()
    }
    const total = desk.backend.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number
    expect(seen.size).toBe(total)
    document.querySelector<HTMLButtonElement>('[data-testid=audit-previous]')!.click()
    await desk.settle()
    rows = rowsText()
    expect(rows).toHaveLength(50)
  }, 60_000)

  it('narrows the log by the filters', async () => {
    desk = await mountOnBackend({ signInAs: 'janis', path: '/audit' })
    addRows(desk, 30)
    await desk.router.push('/')
    await desk.router.push('/audit')
    await desk.settle()
    const store = useAuditLogStore(desk.pinia)
    store.filters.workstation = 'DESK-A'
    store.filters.action = 'document.view'
    await desk.settle()
    const rows = rowsText()
    expect(rows.length).toBe(5) // i odd and i % 3 == 0 among 0..29
    for (const r of rows) expect(r).toContain('DESK-A')
    for (const r of rows) expect(r).toContain('Parakstīts dokuments apskatīts')
  }, 60_000)

  it('exports the filtered log as a CSV download and puts the export on record', async () => {
    desk = await mountOnBackend({ signInAs: 'janis', path: '/audit' })
    addRows(desk, 12)
    await desk.router.push('/')
    await desk.router.push('/audit')
    await desk.settle()
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:csv'))
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
    const clicks: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download)
    })
    useAuditLogStore(desk.pinia).filters.workstation = 'DESK-B'
    await desk.settle()
    document.querySelector<HTMLButtonElement>('[data-testid=audit-export]')!.click()
    await desk.settle()
    expect(clicks).toEqual(['audita-zurnals-2026-11-27.csv'])
    const csv = await blobs[0].text()
    const lines = csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines).toHaveLength(7)
    expect(lines[0]).toContain('Laiks;Darbinieks;Darba vieta;Darbība')
    expect(document.querySelector('[data-testid=audit-log]')!.textContent).toContain(
      'Eksportēto ierakstu skaits: 6',
    )
    const rec = desk.backend.ctx.db
      .prepare("SELECT after_json FROM audit_log WHERE action = 'audit.export'")
      .pluck()
      .all() as string[]
    expect(rec.map((r) => JSON.parse(r))).toEqual([{ rows: 6, workstation: 'DESK-B' }])
  }, 60_000)
})
