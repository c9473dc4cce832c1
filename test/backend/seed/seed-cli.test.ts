import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/backend/db/open'
import { runCli } from '../../helpers/cli'
import { tempDir } from '../db/helpers'

const tmp = tempDir('gasdesk-seed-cli-')
afterAll(() => tmp.cleanup())
const ROOT = join(__dirname, '../../..')
const spawned = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: 'pipe',
  })
// In-process (the same `main`): stdout when it succeeds, an error carrying stderr when it does not.
const gasdesk = async (...args: string[]): Promise<string> => {
  const r = await runCli(...args)
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`)
  return r.stdout
}

describe('gasdesk seed', () => {
  it('creates and fills a database and reports the counts', async () => {
    const file = tmp.file('cli.db')
    const report = JSON.parse(
      await gasdesk(
        'seed',
        '--db',
        file,
        '--customers',
        '40',
        '--seed',
        '7',
        '--today',
        '2026-03-15',
        '--quiet',
      ),
    )
    expect(report).toMatchObject({ seed: '7', customers: 40, today: '2026-03-15' })
    expect(report.counts.customers).toBe(40)
    const db = openDatabase(file)
    expect(db.prepare('SELECT count(*) FROM readings').pluck().get()).toBe(report.counts.readings)
    expect(report.counts.readings).toBeGreaterThan(40 * 20)
    db.close()
  })

  it('rejects a missing customer count with a usage error', async () => {
    await expect(gasdesk('seed', '--db', tmp.file('x.db'))).rejects.toThrow(/--customers N/)
    // The same through the process entry, which exits non-zero with the usage line.
    expect(() => spawned('seed', '--db', tmp.file('x.db'))).toThrow(/--customers N/)
  }, 90_000)

  it('seeds as many months of bills as --billing-months asks, and refuses a bad count', async () => {
    const file = tmp.file('months.db')
    const args = ['seed', '--db', file, '--customers', '10', '--today', '2026-03-15', '--quiet']
    const report = JSON.parse(await gasdesk(...args, '--billing-months', '2'))
    expect(report.billingMonths).toBe(2)
    const db = openDatabase(file)
    expect(
      db.prepare('SELECT DISTINCT substr(period_start, 1, 7) FROM invoices ORDER BY 1').pluck().all(),
    ).toEqual(['2026-01', '2026-02'])
    db.close()
    await expect(gasdesk(...args, '--billing-months', '30')).rejects.toThrow(/--billing-months N/)
  })
})
