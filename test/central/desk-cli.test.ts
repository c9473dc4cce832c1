import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEnrolCode } from '../../src/central/admin/accounts'
import { openDatabase } from '../../src/backend/db/open'
import { recordReading } from '../../src/backend/services/readings/record'
import { listen, world, type Running, type World } from './support/harness'

// The real CLI entry through tsx, as `npm run gasdesk -- enrol|sync …` runs it, against a central in this
// process (so the child is spawned asynchronously: the central must keep answering meanwhile).
const root = join(import.meta.dirname, '../..')
function gasdesk(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), ...args], {
      cwd: root,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

describe('gasdesk enrol, sync --once and sync status against a central on PGlite', () => {
  let w: World
  let central: Running
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-desk-cli-'))
  const file = join(dir, 'desk.db')

  beforeAll(async () => {
    w = await world('pglite', 6)
    // The CLI runs on the real clock, so the central does too.
    central = await listen(w.sql, join(dir, 'blobs'))
    openDatabase(file).close()
  })
  afterAll(async () => {
    await central?.stop()
    await w?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  // Every step starts a Node process with tsx: seconds each on a busy 2-core machine.
  const SLOW = 240_000

  it('refuses a wrong code in words and stays not enrolled', { timeout: SLOW }, async () => {
    const r = await gasdesk(['enrol', '--db', file, '--central', central.url, '--code', 'AAAA-BBBB-CCCC'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/^gasdesk enrol: .+/u)
    const status = await gasdesk(['sync', 'status', '--db', file, '--json'])
    expect(JSON.parse(status.stdout)).toMatchObject({ online: false, state: 'not-enrolled' })
  })

  it(
    'enrols with a one-time code, syncs once, reports the status as JSON; the token only in the 0600 file',
    { timeout: SLOW },
    async () => {
      const { code } = await createEnrolCode(w.sql, 'C1', 'WCLI')
      const enrol = await gasdesk(['enrol', '--db', file, '--central', central.url, '--code', code])
      expect(enrol.stderr).toBe('')
      expect(enrol.stdout.trim()).toBe(`Enrolled as workstation WCLI of service centre C1 at ${central.url}`)
      const secrets = join(dir, 'secrets.json')
      expect(statSync(secrets).mode & 0o777).toBe(0o600)
      expect(readFileSync(secrets, 'utf8')).toContain('sync.token')

      const first = await gasdesk(['sync', '--db', file, '--once'])
      expect(first.stderr).toBe('')
      const c1 = w.customers.filter((c) => c.centre === 'C1')
      expect(first.stdout).toMatch(/^Sent 0, rejected 0, conflicts 0; received \d+/u)

      // An agent records a reading offline (the agents came down with the bootstrap).
      const db = openDatabase(file, { create: false })
      const liga = db.prepare("SELECT id FROM agents WHERE username = 'liga'").pluck().get() as string
      const c = c1[0]
      recordReading(
        db,
        { agentId: liga, workstation: 'WCLI', nowMs: Date.parse('2026-02-27T12:00:00Z') },
        {
          meterId: c.meterId,
          value: c.lastValue + 45,
          channel: 'visit',
          confirmed: ['consumption-high', 'consumption-low', 'zero-consumption'],
        },
      )
      const dump = JSON.stringify(db.prepare('SELECT * FROM sync_state').all())
      db.close()
      expect(dump).not.toMatch(/accessToken|refreshToken/u)
      const pending = JSON.parse((await gasdesk(['sync', 'status', '--db', file, '--json'])).stdout)
      expect(pending).toMatchObject({ pending: 1, rejected: 0, conflicts: 0 })

      const second = await gasdesk(['sync', '--db', file, '--once'])
      expect(second.stdout).toMatch(/^Sent 1, rejected 0, conflicts 0/u)
      const status = JSON.parse((await gasdesk(['sync', 'status', '--db', file, '--json'])).stdout)
      expect(status).toMatchObject({
        online: true,
        state: 'online',
        pending: 0,
        rejected: 0,
        conflicts: 0,
        centre: 'C1',
      })
      expect(Date.parse(status.lastPushAt)).toBeGreaterThan(0)
      expect(Date.parse(status.lastPullAt)).toBeGreaterThan(0)
    },
  )
})
