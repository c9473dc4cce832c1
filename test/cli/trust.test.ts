import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { UsageError } from '../../src/cli/command'
import { TRUST_EXIT, trustCommand } from '../../src/cli/commands/trust'
import { tempDir } from '../helpers/tmp'

const SHIPPED = join(__dirname, '../../resources/trust')
const tmp = tempDir('gasdesk-cli-trust-')
afterAll(() => tmp.cleanup())

describe('gasdesk trust', () => {
  let out: string[]
  let err: string[]
  let n = 0
  let home: string
  beforeEach(() => {
    out = []
    err = []
    home = tmp.file(`home-${++n}`)
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s))
    vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s))
  })
  afterEach(() => vi.restoreAllMocks())

  const stick = (files: Record<string, Buffer>): string => {
    const dir = tmp.file(`stick-${n}`)
    mkdirSync(dir)
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes)
    return dir
  }

  it('status prints each list’s territory, sequence number, issue and next-update dates', async () => {
    const code = await trustCommand.run(['status', '--home', home])
    expect(code).toBe(0)
    expect(out[0]).toBe(`trust folder: ${home}`)
    expect(out[1]).toMatch(/^territory\s+sequence\s+issued\s+next update\s+source\s+state$/)
    expect(out.slice(2).map((l) => l.split(/\s{2,}/))).toEqual([
      ['EE', '62', '2023-10-05', '2024-04-05 OVERDUE', 'shipped', 'in use'],
      ['EU', '332', '2023-09-27', '2024-03-26 OVERDUE', 'shipped', 'in use'],
      ['LT', '66', '2023-06-02', '2023-12-02 OVERDUE', 'shipped', 'in use'],
      ['LV', '41', '2023-09-12', '2024-03-12 OVERDUE', 'shipped', 'in use'],
    ])
    expect(err.join('\n')).toMatch(/past its next-update date/)
    out = []
    await trustCommand.run(['status', '--home', home, '--json'])
    const json = JSON.parse(out.join('\n'))
    expect(json.lists.find((l: { territory: string }) => l.territory === 'LV')).toMatchObject({
      sequenceNumber: 41,
      issued: '2023-09-12T01:00:00Z',
      source: 'shipped',
      used: true,
    })
  })

  it('import refuses a list changed after signing with one line and exit code 6, and installs nothing', async () => {
    const lv = readFileSync(join(SHIPPED, 'LV-TSL-2023-09-12.xml'), 'utf8')
    const dir = stick({ 'LV.xml': Buffer.from(lv.replace('Comittee', 'Committee')) })
    const code = await trustCommand.run(['import', dir, '--home', home])
    expect(code).toBe(TRUST_EXIT.notVerified)
    expect(err).toEqual([
      'gasdesk trust import: refused LV.xml (LV #41): The trusted list was changed after it was signed; it is not used. Nothing was installed.',
    ])
    expect(existsSync(join(home, 'CURRENT'))).toBe(false)
  })

  it('import of the lists already in use installs nothing and exits 0', async () => {
    const dir = tmp.file(`stick-same-${n}`)
    cpSync(SHIPPED, dir, { recursive: true, filter: (s) => !s.includes('test-pki') })
    const code = await trustCommand.run(['import', dir, '--home', home])
    expect(code).toBe(0)
    expect(out.filter((l) => l.startsWith('already in use:'))).toHaveLength(4)
    expect(out.at(-1)).toBe('nothing newer to install')
    expect(existsSync(join(home, 'CURRENT'))).toBe(false)
  })

  it('usage: a missing folder, an empty folder, an unknown subcommand', async () => {
    await expect(trustCommand.run(['import', tmp.file('nope'), '--home', home])).rejects.toThrow(UsageError)
    await expect(trustCommand.run(['import', stick({}), '--home', home])).rejects.toThrow(
      /no trusted-list files/,
    )
    await expect(trustCommand.run(['fetch'])).rejects.toThrow(/unknown trust subcommand/)
    await expect(trustCommand.run([])).rejects.toThrow(/needs a subcommand/)
  })
})
