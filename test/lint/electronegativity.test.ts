import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/tmp'

// The CI gate over src/main and src/preload (npm run lint:electron): passes on the tree as it is, and
// fails when a window loses its isolation — so a green run means something.
const root = join(__dirname, '../..')
const tmp = tempDir('gasdesk-en-')
afterAll(() => tmp.cleanup())

const run = (args: string[] = []) =>
  spawnSync(process.execPath, [join(root, 'scripts/electronegativity.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  })

describe('electronegativity gate', () => {
  it('finds no high or medium issue in src/main and src/preload beyond the justified exceptions', () => {
    const r = run()
    expect(r.stderr, r.stdout).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/high\/medium \((\d+) justified/)
  }, 120_000)

  it('fails on a window without sandbox and context isolation', () => {
    cpSync(join(root, 'src/main'), join(tmp.dir, 'main'), { recursive: true })
    cpSync(join(root, 'src/preload'), join(tmp.dir, 'preload'), { recursive: true })
    const window = join(tmp.dir, 'main/window.ts')
    const weakened = readFileSync(window, 'utf8')
      .replace('contextIsolation: true', 'contextIsolation: false')
      .replace('sandbox: true,\n      nodeIntegration: false', 'sandbox: false,\n      nodeIntegration: true')
    expect(weakened).toContain('contextIsolation: false')
    writeFileSync(window, weakened)
    const r = run(['--src', tmp.dir])
    expect(r.status, r.stdout + r.stderr).toBe(1)
    expect(r.stderr).toContain('CONTEXT_ISOLATION_JS_CHECK')
    expect(r.stderr).toContain('SANDBOX_JS_CHECK')
  }, 120_000)
})
