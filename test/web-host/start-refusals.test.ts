import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend } from '../../src/backend'
import { LATEST_SCHEMA_VERSION } from '../../src/backend/db/migrations'
import { createHttpClient } from '../../src/renderer/api/http-client'
import { seededTemplate } from '../helpers/seeded'
import { mountSmallDisk, tmpfsUnavailable } from '../helpers/tmpfs'
import { tempDir } from '../helpers/tmp'

const tmp = tempDir('gasdesk-refusals-')
afterAll(() => tmp.cleanup())
let template = ''
beforeAll(async () => {
  template = await seededTemplate({ customers: 10, seed: 'refusals', today: '2026-11-26' })
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the browser shell until it exits, or until it is ready (then `whileUp` runs and it is stopped). */
function shell(
  args: string[],
  env: Record<string, string> = {},
  whileUp?: (url: string, token: string) => Promise<void>,
) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/web-host/index.ts', '--port', '0', ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      },
    )
    let stdout = ''
    let stderr = ''
    let started = false
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+)\n/.exec(stdout)
      if (m && !started) {
        started = true
        const done = () => child.kill('SIGTERM')
        ;(whileUp ?? (async () => {}))(`http://127.0.0.1:${m[1]}`, m[2]).then(done, (e: unknown) => {
          done()
          reject(e)
        })
      }
    })
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The refusal is one line on stderr that names the file and the reason, and nothing starts. */
function expectRefusal(run: Run, file: string, reason: RegExp): void {
  expect(run.code, run.stderr).toBe(1)
  expect(run.stdout).toBe('')
  const lines = run.stderr.trim().split('\n')
  expect(lines, run.stderr).toHaveLength(1)
  expect(lines[0]).toContain('GasDesk browser shell could not start:')
  expect(lines[0]).toContain(file)
  expect(lines[0]).toMatch(reason)
  expect(lines[0]).not.toMatch(/DB_CORRUPT|errors\.|at .*\.ts/)
}

describe('the browser shell says which database file it refused, and why', () => {
  it('a named --db that does not exist, is empty, is a folder, is newer or is damaged', async () => {
    const missing = tmp.file('typo.sqlite')
    const empty = tmp.file('empty.sqlite')
    writeFileSync(empty, '')
    const folder = tmp.file('folder.sqlite')
    mkdirSync(folder)
    const newer = tmp.file('newer.sqlite')
    copyFileSync(template, newer)
    const db = new Database(newer)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    db.close()
    const damaged = tmp.file('damaged.sqlite')
    writeFileSync(damaged, Buffer.from('SQLite format 3\0' + 'garbage'.repeat(600), 'latin1'))
    const before = readFileSync(damaged)

    const runs = await Promise.all([missing, empty, folder, newer, damaged].map((f) => shell(['--db', f])))
    expectRefusal(runs[0], missing, /does not exist/)
    expectRefusal(runs[1], empty, /is empty \(0 bytes\)/)
    expectRefusal(runs[2], folder, /is a folder/)
    expectRefusal(runs[3], newer, new RegExp(`newer GasDesk \\(schema ${LATEST_SCHEMA_VERSION + 5}`))
    expectRefusal(runs[4], damaged, /is damaged or is not a GasDesk database \(page-size\)/)
    // Nothing was created or changed on the way.
    expect(() => statSync(missing)).toThrow()
    expect(statSync(empty).size).toBe(0)
    expect(readFileSync(damaged).equals(before)).toBe(true)
  }, 120_000)
})

const unavailable = tmpfsUnavailable()
if (unavailable) console.warn(`[browser shell on a full or read-only disk skipped] ${unavailable}`)

describe.skipIf(!!unavailable)('the browser shell on a full or read-only disk', () => {
  it('refuses a read-only folder as read-only and a first run on a full disk as "disk full", leaving nothing', async () => {
    const disk = mountSmallDisk(8 * 1024 * 1024)
    try {
      const file = disk.file('desk.sqlite')
      copyFileSync(template, file)
      ;(await createBackend({ dbFile: file, shell: 'test', demoAgents: true, create: false })).close()
      disk.readOnly(true)
      expectRefusal(await shell(['--db', file]), file, /read-only/)
      disk.readOnly(false)

      // First run into a user-data folder on a disk with no space left.
      mkdirSync(disk.file('config'))
      disk.fill()
      const run = await shell([], { XDG_CONFIG_HOME: disk.file('config') })
      const expected = join(disk.file('config'), 'GasDesk', 'gasdesk.sqlite')
      expectRefusal(run, expected, /disk that holds .* is full/)
      expect(readdirSync(join(disk.file('config'), 'GasDesk'))).toEqual([])
    } finally {
      disk.unmount()
    }
  }, 120_000)

  it('starts on a full disk with an existing database, read-only, instead of dying (no crash loop)', async () => {
    const disk = mountSmallDisk(8 * 1024 * 1024)
    try {
      const file = disk.file('desk.sqlite')
      copyFileSync(template, file)
      ;(await createBackend({ dbFile: file, shell: 'test', demoAgents: true, create: false })).close()
      disk.fill()
      const run = await shell(['--db', file], {}, async (baseUrl, token) => {
        const client = createHttpClient({ baseUrl, token })
        expect(await client.call('app.info', {})).toMatchObject({ shell: 'browser', storage: 'full' })
        await client.call('session.signIn', { username: 'janis', password: 'janis-demo' })
        await expect(client.call('settings.update', { lockAfterMinutes: 30 })).rejects.toMatchObject({
          code: 'UNAVAILABLE',
          messageKey: 'errors.SQLITE_FULL',
        })
        expect((await client.call('settings.get', {})).lockAfterMinutes).toBe(15)
      })
      expect(run.code, run.stderr).toBe(0)
    } finally {
      disk.unmount()
    }
  }, 120_000)
})
