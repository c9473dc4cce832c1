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
})
