import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/backend/db/open'
import { tempDir } from '../db/helpers'

const tmp = tempDir('gasdesk-seed-cli-')
afterAll(() => tmp.cleanup())
const ROOT = join(__dirname, '../../..')
const gasdesk = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: 'pipe',
  })

describe('gasdesk seed', () => {
  it('creates and fills a database and reports the counts', () => {
    const file = tmp.file('cli.db')
    const report = JSON.parse(
      gasdesk('seed', '--db', file, '--customers', '40', '--seed', '7', '--today', '2026-03-15', '--quiet'),
    )
    expect(report).toMatchObject({ seed: '7', customers: 40, today: '2026-03-15' })
    expect(report.counts.customers).toBe(40)
    const db = openDatabase(file)
    expect(db.prepare('SELECT count(*) FROM readings').pluck().get()).toBe(report.counts.readings)
    expect(report.counts.readings).toBeGreaterThan(40 * 20)
    db.close()
  })

  it('rejects a missing customer count with a usage error', () => {
    expect(() => gasdesk('seed', '--db', tmp.file('x.db'))).toThrow(/--customers N/)
  })

  it('seeds as many months of bills as --billing-months asks, and refuses a bad count', () => {
    const file = tmp.file('months.db')
    const args = ['seed', '--db', file, '--customers', '10', '--today', '2026-03-15', '--quiet']
    const report = JSON.parse(gasdesk(...args, '--billing-months', '2'))
    expect(report.billingMonths).toBe(2)
    const db = openDatabase(file)
    expect(
      db.prepare('SELECT DISTINCT substr(period_start, 1, 7) FROM invoices ORDER BY 1').pluck().all(),
    ).toEqual(['2026-01', '2026-02'])
    db.close()
    expect(() => gasdesk(...args, '--billing-months', '30')).toThrow(/--billing-months N/)
  })
})
