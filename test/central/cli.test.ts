import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'

// The real CLI entry through tsx, as `npm run gasdesk -- central …` runs it, on a copy of the migrated
// PGlite template (initdb in WebAssembly would cost seconds per test).
const root = join(import.meta.dirname, '../..')
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), 'central', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 120_000,
  })

describe('gasdesk central (CLI on PGlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-central-cli-'))
  cpSync(join(inject('pgliteTemplate'), 'pgdata'), join(dir, 'pgdata'), { recursive: true })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('seeds, prints an enrolment code alone on the last line, serves until SIGTERM, guards the folder, reports status', async () => {
    const seeded = cli(['seed', '--data', dir, '--customers', '10', '--centres', '2'])
    expect(seeded.status, seeded.stderr).toBe(0)
    expect(seeded.stdout).toMatch(/Seeded 10 customers \(240 readings\) in C1, C2, 3 agents/)

    const enrol = cli(['enrol-code', '--data', dir, '--centre', 'C1', '--workstation', 'W1'])
    expect(enrol.status, enrol.stderr).toBe(0)
    const code = enrol.stdout.trim().split('\n').pop()!
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)

    const server = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/index.ts'), 'central', '--data', dir, '--port', '0'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      },
    )
    let out = ''
    server.stdout.on('data', (b) => (out += b))
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve))
    try {
      await expect
        .poll(() => out, { timeout: 90_000, interval: 200 })
        .toMatch(/GasDesk central: http:\/\/127\.0\.0\.1:\d+/)
      const url = /GasDesk central: (\S+)/.exec(out)![1]
      const r = await fetch(`${url}/sync/v1/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      })
      expect(r.status).toBe(200)
      expect(await r.json()).toMatchObject({ centreId: 'C1', workstationName: 'W1' })

      const busy = cli(['status', '--data', dir])
      expect(busy.status).toBe(1)
      expect(busy.stderr).toMatch(/in use by process \d+/)
    } finally {
      server.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(out).toMatch(/GasDesk central stopped/)

    const status = cli(['status', '--data', dir, '--json'])
    expect(status.status, status.stderr).toBe(0)
    const s = JSON.parse(status.stdout)
    expect(s.centres).toEqual([
      { id: 'C1', customers: 5 },
      { id: 'C2', customers: 5 },
    ])
    expect(s.workstations).toEqual([expect.objectContaining({ centre: 'C1', name: 'W1', enrolled: true })])

    const purge = cli(['purge', '--data', dir])
    expect(purge.status).toBe(0)
    expect(purge.stdout).toMatch(/Removed 0 tombstones older than 180 days/)
  }, 400_000)

  it('explains a missing data folder as a usage error', () => {
    const r = cli(['status'])
    expect(r.status).toBe(3)
    expect(r.stderr).toMatch(/--data DIR is required/)
  }, 120_000)
})
