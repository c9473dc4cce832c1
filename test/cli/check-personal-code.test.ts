import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { runCli } from '../helpers/cli'

// The real CLI entry through tsx, as `npm run gasdesk -- check-personal-code` runs it, for the exit code;
// what the command answers is checked in-process (the same `main`).
const root = join(__dirname, '..', '..')
const spawned = (...args: string[]) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/index.ts'), 'check-personal-code', ...args],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
const cli = (...args: string[]) => runCli('check-personal-code', ...args)

describe('gasdesk check-personal-code', () => {
  it('prints the JSON verdict and exits 0 for a valid legacy code', async () => {
    const r = await cli('161175-19997', '--json')
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, format: 'legacy', reason: null })
    expect(r.status).toBe(0)
  })
  it('exits 1 with the reason for a wrong check digit, and prints a readable line without --json', async () => {
    const r = await cli('161175-19998', '--json')
    expect(JSON.parse(r.stdout)).toEqual({ valid: false, format: 'legacy', reason: 'check-digit' })
    expect(r.status).toBe(1)
    const text = await cli('161175-19998')
    expect(text.stdout.trim()).toBe('161175-19998: invalid (legacy format, reason: check-digit)')
    expect(text.status).toBe(1)
  })
  it('reports new-format and unknown shapes', async () => {
    expect(JSON.parse((await cli('32123456789', '--json')).stdout)).toEqual({
      valid: true,
      format: 'new',
      reason: null,
    })
    const r = await cli('12345', '--json')
    expect(JSON.parse(r.stdout)).toEqual({ valid: false, format: 'unknown', reason: 'length' })
    expect(r.status).toBe(1)
  })
  it('exits 3 with usage when the code is missing', async () => {
    expect((await cli()).status).toBe(3)
  })
  // A tsx process compiles the whole CLI first: slow on a loaded box.
  it('through the process entry: main’s answer becomes the exit code', () => {
    const r = spawned()
    expect(r.status).toBe(3)
    expect(r.stderr).toContain('Usage:')
  }, 90_000)
})
