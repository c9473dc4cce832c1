import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * Issue 14 ("a verify command that answers in a blink"): the CLI entry loads a command's modules only when
 * that command runs. The entry once imported the error reporter statically, which pulled in the billing
 * print service and with it pdfkit, fontkit and qrcode (about 370 ms of every `gasdesk verify`).
 */
const root = join(__dirname, '..', '..')

function loadedBy(...args: string[]): string[] {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache))));
       process.argv.splice(1, 0, 'gasdesk'); require(${JSON.stringify(join(root, 'src/cli/index.ts'))})`,
      ...args,
    ],
    { cwd: root, encoding: 'utf8' },
  )
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '))
  expect(line, r.stderr).toBeDefined()
  return JSON.parse(line!.slice('LOADED '.length)) as string[]
}

describe('gasdesk start-up', () => {
  it('loads no PDF renderer for a command that prints nothing', { timeout: 60_000 }, () => {
    const loaded = loadedBy('check-personal-code', '161175-19997')
    expect(loaded.some((f) => f.includes('check-personal-code'))).toBe(true)
    expect(loaded.filter((f) => /node_modules[\\/](pdfkit|fontkit|qrcode)[\\/]/.test(f))).toEqual([])
    expect(
      loaded.filter((f) => /src[\\/]backend[\\/](documents|services[\\/]billing[\\/]print)/.test(f)),
    ).toEqual([])
  })

  it('loads them for print, so the check above can see them', { timeout: 60_000 }, () => {
    const loaded = loadedBy('print', '--help')
    expect(loaded.some((f) => /node_modules[\\/]pdfkit[\\/]/.test(f))).toBe(true)
  })
})
