import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { verifyCommand } from '../../src/cli/commands/verify'
import { tempDir } from '../helpers/tmp'

/** `gasdesk verify DIR` (issue 14): a folder walked with one line per file, a summary, a TTY-only progress. */
const FIX = '/work/shared/fixtures/signatures'
const AT = ['--at', '2025-09-01T00:00:00Z']
const root = resolve(__dirname, '../..')

function folderOfDocuments() {
  const tmp = tempDir('gasdesk-verify-dir-')
  mkdirSync(tmp.file('sub'))
  copyFileSync(`${FIX}/edoc/test+test.edoc`, tmp.file('b-valid.edoc'))
  copyFileSync(`${FIX}/asice/missing_manifest.asice`, tmp.file('a-broken.asice'))
  copyFileSync(`${FIX}/edoc/SampleFile.edoc`, tmp.file('sub/c-indeterminate.edoc'))
  writeFileSync(tmp.file('notes.txt'), 'not a signed document')
  return tmp
}

describe('gasdesk verify DIR', () => {
  let out: string[]
  let err: string[]
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    out = []
    err = []
    tmp = folderOfDocuments()
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s))
    vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s))
  })
  afterEach(() => {
    vi.restoreAllMocks()
    tmp.cleanup()
  })

  it('walks the folder in name order, one line per document, then a summary table', async () => {
    const code = await verifyCommand.run([tmp.dir, ...AT])
    const lines = out.join('\n').split('\n')
    const perFile = lines.filter((l) => l.includes(tmp.dir))
    expect(perFile.map((l) => l.split(/\s+/)[0])).toEqual(['FORMAT_ERROR', 'VALID', 'INDETERMINATE'])
    expect(perFile[0]).toContain(join(tmp.dir, 'a-broken.asice'))
    expect(perFile[2]).toContain(join(tmp.dir, 'sub/c-indeterminate.edoc'))
    const table = lines.slice(lines.findIndex((l) => l.startsWith('status')))
    expect(table).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^VALID\s+1$/),
        expect.stringMatching(/^INDETERMINATE\s+1$/),
        expect.stringMatching(/^FORMAT_ERROR\s+1$/),
        expect.stringMatching(/^total\s+3\s+in \d+\.\d\d s$/),
        expect.stringMatching(/1 other file\(s\) in the folders skipped/),
      ]),
    )
    // INDETERMINATE outranks a format error in the exit code, as for files.
    expect(code).toBe(2)
  })

  it('draws a progress line only on a terminal', async () => {
    const writes: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      writes.push(String(s))
      return true
    })
    await verifyCommand.run([tmp.dir, ...AT])
    expect(writes.join('')).not.toMatch(/\[\d+\/3\]/)
    const wasTty = process.stderr.isTTY
    process.stderr.isTTY = true
    try {
      await verifyCommand.run([tmp.dir, ...AT])
    } finally {
      process.stderr.isTTY = wasTty
    }
    const drawn = writes.join('')
    expect(drawn).toContain('\r[1/3] ')
    expect(drawn).toContain('\r[3/3] ')
    // Cleared before each result line and at the end, so nothing is left half-drawn.
    expect(drawn.endsWith('\r\x1b[K')).toBe(true)
  })

  it('--json over a folder prints one object per document in it, in walk order', async () => {
    await verifyCommand.run([tmp.dir, '--json', ...AT])
    const json = JSON.parse(out.join('\n')) as { file: string; status: string }[]
    expect(json.map((e) => e.status)).toEqual(['FORMAT_ERROR', 'VALID', 'INDETERMINATE'])
  })

  it.runIf(process.platform === 'linux')(
    'refuses a FIFO and a device at once instead of reading them',
    async () => {
      const fifo = tmp.file('pipe.asice')
      execFileSync('mkfifo', [fifo])
      const code = await verifyCommand.run([fifo, '/dev/zero', '--json', ...AT])
      const json = JSON.parse(out.join('\n')) as { status: string; error: string }[]
      expect(json.map((e) => [e.status, e.error])).toEqual([
        ['FORMAT_ERROR', `${fifo} is not a regular file`],
        ['FORMAT_ERROR', '/dev/zero is not a regular file'],
      ])
      expect(code).toBe(3)
    },
  )
})

// The built CLI is what the `gasdesk` bin and `npm run gasdesk` run; `npm run build` makes it.
const BUILT = join(root, 'out/cli/gasdesk.cjs')
describe.skipIf(!existsSync(BUILT))('the built CLI (out/cli/gasdesk.cjs)', () => {
  it('is the package bin, and verifies a file from any working folder', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>
    }
    expect(resolve(root, pkg.bin.gasdesk)).toBe(BUILT)
    expect(readFileSync(BUILT, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    const tmp = tempDir('gasdesk-elsewhere-')
    try {
      const r = spawnSync(
        process.execPath,
        [BUILT, 'verify', `${FIX}/edoc/test+test.edoc`, '--json', ...AT],
        {
          cwd: tmp.dir,
          encoding: 'utf8',
        },
      )
      expect(r.stderr).toBe('')
      expect(JSON.parse(r.stdout)[0].status).toBe('VALID')
      expect(r.status).toBe(0)
    } finally {
      tmp.cleanup()
    }
  })
})
if (!existsSync(BUILT)) console.log(`skipped the built-CLI test: ${BUILT} is missing (run npm run build)`)
