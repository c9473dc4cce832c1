import { statSync, existsSync, readFileSync, mkdirSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import { collectDiagnostics } from '../../../src/backend/services/diagnostics'
import { runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tmp'

/**
 * Issue 9 §4/§5: diagnostics for IT support — what is wrong with a desk's sync or storage, and never a
 * secret, a personal code or a customer's name, wherever they might hide (outbox args and errors, URLs).
 */
const CODE = '161175-19997'
const NAME = 'Ēvalds Bērziņš-{@|}'
let tmp: ReturnType<typeof tempDir>
let backend: Backend
let file: string

beforeEach(async () => {
  tmp = tempDir('gasdesk-diag-')
  file = tmp.file('desk.sqlite')
  backend = await createBackend({
    dbFile: file,
    shell: 'test',
    clock: manualClock(Date.parse('2026-12-03T08:00:00Z')),
    demoAgents: true,
  })
  const db = backend.ctx.db
  const at = '2026-12-01T10:00:00.000Z'
  db.prepare(
    `INSERT INTO customers (id, customer_number, kind, first_name, last_name, personal_code, created_at, updated_at)
     VALUES ('c1', '100001', 'person', ?, ?, ?, ?, ?)`,
  ).run(NAME.split(' ')[0], NAME.split(' ')[1], CODE.replace('-', ''), at, at)
  const agent = db.prepare('SELECT id FROM agents LIMIT 1').pluck().get() as string
  const outbox = db.prepare(
    `INSERT INTO outbox (seq, mutation_id, name, entity_type, entity_id, args, schema_version, agent_id, client_time,
       status, attempts, last_error) VALUES (?, ?, ?, 'customer', 'c1', ?, 11, ?, ?, ?, ?, ?)`,
  )
  const args = JSON.stringify({ personalCode: CODE, firstName: NAME, password: 'Tmp-Pa55-word' })
  outbox.run(1, 'm1', 'customer.updateContact', args, agent, at, 'applied', 1, null)
  outbox.run(
    2,
    'm2',
    'customer.updateContact',
    args,
    agent,
    at,
    'rejected',
    1,
    JSON.stringify({ code: 'rejected', reason: 'forbidden', message: `${NAME} ${CODE}` }),
  )
  outbox.run(3, 'm3', 'reading.record', args, agent, at, 'pending', 4, `network down for ${NAME} ${CODE}`)
  db.prepare(
    `UPDATE sync_state SET central_url = 'https://central.example/sync?token=s3cr3t-t0ken',
       central_workstation_id = 'ws-1', central_workstation_name = 'W1', centre_id = 'C1', enrolled_at = ?
     WHERE id = 1`,
  ).run(at)
})
afterEach(async () => {
  backend.close()
  await backend.ctx.validation.close()
  tmp.cleanup()
})

const leaks = (text: string): string[] =>
  [CODE, CODE.replace('-', ''), 'Bērziņš', 'Ēvalds', 's3cr3t-t0ken', 'Tmp-Pa55-word'].filter((s) =>
    text.includes(s),
  )

describe('desk diagnostics', () => {
  it('say how the outbox stands, by action and status, with error kinds only', () => {
    const d = collectDiagnostics(backend.ctx.db, { version: '9.9.9', shell: 'test', nowMs: Date.now() }) as {
      outbox: { name: string; status: string; n: number; maxAttempts: number }[]
      outboxProblems: { seq: number; status: string; error: string | null }[]
      counts: Record<string, number>
      database: { schemaVersion: number; file: string; journalMode: string }
      app: { version: string }
    }
    expect(d.app.version).toBe('9.9.9')
    expect(d.database).toMatchObject({ file: 'desk.sqlite', journalMode: 'wal' })
    expect(d.database.schemaVersion).toBeGreaterThanOrEqual(11)
    expect(d.counts).toMatchObject({ customers: 1, outbox: 3 })
    expect(d.outbox).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'customer.updateContact', status: 'rejected', n: 1 }),
        expect.objectContaining({ name: 'reading.record', status: 'pending', n: 1, maxAttempts: 4 }),
      ]),
    )
    expect(d.outboxProblems).toEqual([
      expect.objectContaining({ seq: 3, status: 'pending', error: 'unparsed' }),
      expect.objectContaining({ seq: 2, status: 'rejected', error: 'rejected:forbidden' }),
    ])
  })

  it('never carry a personal code, a customer name, a password or a token', async () => {
    const direct = JSON.stringify(
      collectDiagnostics(backend.ctx.db, { version: '1', shell: 'test', nowMs: 0 }),
    )
    expect(leaks(direct)).toEqual([])
    const signIn = await backend.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k1')
    expect(signIn.ok).toBe(true)
    const r = await backend.dispatch('sync.diagnostics', {}, 'k1')
    expect(r.ok).toBe(true)
    const { fileName, json } = (r as { value: { fileName: string; json: string } }).value
    expect(fileName).toBe('gasdesk-diagnostics-20261203-080000.json')
    expect(leaks(json)).toEqual([])
    expect(JSON.parse(json).sync.central).toBe('https://central.example/sync?token=[redacted]')
  })

  it('need a signed-in agent', async () => {
    const r = await backend.dispatch('sync.diagnostics', {}, 'nobody')
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('gasdesk diagnostics', () => {
  it('writes the JSON owner-only, from a database it neither creates nor migrates', async () => {
    backend.close()
    const out = tmp.file('diag.json')
    const r = await runCli('diagnostics', '--db', file, '--out', out)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const text = readFileSync(out, 'utf8')
    expect(leaks(text)).toEqual([])
    expect(JSON.parse(text).counts.outbox).toBe(3)
  })

  it('refuses a missing database or an --out that is a folder, with one line and no file left', async () => {
    const missing = await runCli('diagnostics', '--db', tmp.file('nope.sqlite'), '--out', tmp.file('a.json'))
    expect(missing.status).toBe(4)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(existsSync(tmp.file('nope.sqlite'))).toBe(false)
    expect(existsSync(tmp.file('a.json'))).toBe(false)
    mkdirSync(tmp.file('folder'))
    const folder = await runCli('diagnostics', '--db', file, '--out', tmp.file('folder'))
    expect(folder.status).toBe(5)
    const usage = await runCli('diagnostics', '--db', file)
    expect(usage.status).toBe(3)
  })
})
