import { spawn } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/backend/db/open'
import { UsageError } from '../../src/cli/command'
import { seedCommand } from '../../src/cli/commands/seed'
import { describeFailure } from '../../src/cli/errors'
import { sha256 } from '../backend/db/helpers'
import { seededTemplate } from '../helpers/seeded'
import { tempDir } from '../helpers/tmp'

const ROOT = join(__dirname, '../..')
const tmp = tempDir('gasdesk-cli-db-')
afterAll(() => tmp.cleanup())
let db = ''
let invoice = ''
beforeAll(async () => {
  db = tmp.file('desk.sqlite')
  copyFileSync(
    await seededTemplate({ customers: 12, seed: 'cli-db', today: '2026-11-26', billingMonths: 2 }),
    db,
  )
  const d = openDatabase(db, { create: false })
  invoice = d
    .prepare("SELECT number FROM invoices WHERE substr(period_end, 1, 7) = '2026-10' LIMIT 1")
    .pluck()
    .get() as string
  d.close()
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** `npm run gasdesk -- ...` as a real process (stdout and stderr are pipes, not a terminal). */
function gasdesk(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Exit `code` and exactly one line on stderr matching `line`, with no stack trace or error code noise. */
function expectOneLine(run: Run, code: number, line: RegExp): void {
  expect(run.code, run.stderr).toBe(code)
  const lines = run.stderr.trim().split('\n')
  expect(lines, run.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(line)
  expect(run.stderr).not.toMatch(/\n\s+at |Unhandled|SqliteError|ERR_/)
}

describe('print never truncates --out before it has the document (write beside, rename on success)', () => {
  it('a missing invoice number leaves an existing --out file byte-identical', async () => {
    const victim = tmp.file('victim.sqlite')
    copyFileSync(db, victim)
    const before = sha256(victim)
    const run = await gasdesk('print', 'invoice', 'GD-2099-999999', '--db', db, '--out', victim)
    expectOneLine(run, 2, /^gasdesk print: invoice GD-2099-999999 not found$/)
    expect(sha256(victim)).toBe(before)
    expect(readdirSync(tmp.dir).filter((n) => n.includes('victim'))).toEqual(['victim.sqlite'])
  }, 60_000)

  it('a found invoice replaces --out with the whole PDF and leaves no temp file', async () => {
    const out = tmp.file('print-ok')
    mkdirSync(out)
    writeFileSync(join(out, 'invoice.pdf'), 'old')
    const run = await gasdesk('print', 'invoice', invoice, '--db', db, '--out', join(out, 'invoice.pdf'))
    expect(run.code, run.stderr).toBe(0)
    expect(readFileSync(join(out, 'invoice.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    expect(readdirSync(out)).toEqual(['invoice.pdf'])
  }, 60_000)
})

describe('only seed, migrate and first run create databases', () => {
  it('print and print-batch refuse a missing or 0-byte --db with one line and create nothing', async () => {
    const missing = tmp.file('typo.sqlite')
    const empty = tmp.file('zero.sqlite')
    writeFileSync(empty, '')
    const [a, b, c] = await Promise.all([
      gasdesk('print', 'invoice', invoice, '--db', missing, '--out', tmp.file('a.pdf')),
      gasdesk('print', 'invoice', invoice, '--db', empty, '--out', tmp.file('b.pdf')),
      gasdesk(
        'print-batch',
        '--db',
        missing,
        '--kind',
        'invoices',
        '--month',
        '2026-10',
        '--out',
        tmp.file('c'),
      ),
    ])
    expectOneLine(a, 4, /^gasdesk print: The database .*typo\.sqlite does not exist\./)
    expectOneLine(b, 4, /^gasdesk print: The database .*zero\.sqlite is empty \(0 bytes\)/)
    expectOneLine(c, 4, /^gasdesk print-batch: The database .*typo\.sqlite does not exist\./)
    expect(existsSync(missing)).toBe(false)
    expect(statSync(empty).size).toBe(0)
    for (const f of ['a.pdf', 'b.pdf', 'c']) expect(existsSync(tmp.file(f))).toBe(false)
  }, 90_000)
})

describe('CLI rough edges: one clear line and a documented exit code', () => {
  it('--db pointing at a folder, migrate --db /dev/null, seed over an existing database', async () => {
    const folder = tmp.file('a-folder')
    mkdirSync(folder)
    const existing = tmp.file('existing.sqlite')
    copyFileSync(db, existing)
    const before = sha256(existing)
    const [a, b, c, d] = await Promise.all([
      gasdesk('print', 'invoice', invoice, '--db', folder, '--out', tmp.file('x.pdf')),
      gasdesk('migrate', '--db', '/dev/null'),
      gasdesk('migrate', '--db', folder),
      gasdesk('seed', '--db', existing, '--customers', '5', '--quiet'),
    ])
    expectOneLine(a, 4, /a-folder is a folder, not a database file\.$/)
    expectOneLine(b, 4, /^gasdesk migrate: \/dev\/null is a device or a pipe, not a database file\.$/)
    expectOneLine(c, 4, /^gasdesk migrate: .*a-folder is a folder/)
    expectOneLine(d, 4, /^gasdesk seed: .*existing\.sqlite already exists\. Seeding writes a new database/)
    expect(sha256(existing)).toBe(before)
  }, 90_000)

  it('seed --customers is bounded to 1..1,000,000', async () => {
    const run = await gasdesk('seed', '--db', tmp.file('n.sqlite'), '--customers', '1000001')
    expectOneLine(run, 3, /--customers N must be a whole number from 1 to 1,000,000, got 1000001 \(Usage: /)
    for (const n of ['0', '1e9', '-5', 'many', '2.5']) {
      const e = await seedCommand
        .run(['--db', tmp.file('n.sqlite'), `--customers=${n}`])
        .catch((x: unknown) => x)
      expect(e).toBeInstanceOf(UsageError)
      expect(describeFailure(e, 'seed', seedCommand.usage)).toMatchObject({
        code: 3,
        line: expect.stringContaining(`from 1 to 1,000,000, got ${n}`),
      })
    }
    expect(existsSync(tmp.file('n.sqlite'))).toBe(false)
  }, 60_000)

  it('print-batch --single /dev/full fails with "no space", exit 5, and no unhandled rejection', async () => {
    const batchAudits = () => {
      const d = openDatabase(db, { create: false })
      try {
        return d.prepare("SELECT count(*) FROM audit_log WHERE reason = 'batch'").pluck().get()
      } finally {
        d.close()
      }
    }
    const audited = batchAudits()
    const run = await gasdesk(
      'print-batch',
      '--db',
      db,
      '--kind',
      'invoices',
      '--month',
      '2026-10',
      '--single',
      '/dev/full',
      '--quiet',
    )
    expectOneLine(
      run,
      5,
      /^gasdesk print-batch: \/dev\/full: no space left on the disk; nothing was written$/,
    )
    // Nothing was audited as printed for a file that was never written.
    expect(batchAudits()).toBe(audited)
  }, 60_000)

  it('print-batch progress is whole lines (at most one per tenth) when stderr is not a terminal', async () => {
    const out = tmp.file('batch-out')
    const run = await gasdesk(
      'print-batch',
      '--db',
      db,
      '--kind',
      'invoices',
      '--month',
      '2026-10',
      '--out',
      out,
    )
    expect(run.code, run.stderr).toBe(0)
    const { total } = JSON.parse(run.stdout) as { total: number }
    expect(total).toBeGreaterThan(5)
    const lines = run.stderr.trim().split('\n')
    for (const l of lines) expect(l).toMatch(/^printed \d+\/\d+$/)
    expect(run.stderr).not.toContain('\r')
    expect(lines.length).toBeLessThanOrEqual(11)
    expect(lines.at(-1)).toBe(`printed ${total}/${total}`)
    expect(readdirSync(out)).toHaveLength(total)
  }, 90_000)
})
