import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { OutputError, openOutput, writeFileAtomic, writeOutput } from '../../../src/backend/files/atomic'
import { mountSmallDisk, tmpfsUnavailable, type SmallDisk } from '../../helpers/tmpfs'
import { tempDir } from '../../helpers/tmp'

let tmp: ReturnType<typeof tempDir>
let disk: SmallDisk | null = null
afterEach(() => {
  tmp?.cleanup()
  disk?.unmount()
  disk = null
})

const VICTIM = 'precious bytes that must survive'
const write = (out: Writable, data: string | Buffer) =>
  new Promise<void>((resolve, reject) => out.write(data, (e) => (e ? reject(e) : resolve())))

describe('output files are written beside the target and renamed only when complete', () => {
  it('leaves the target untouched and no temp file when the writer fails half-way', async () => {
    tmp = tempDir('gasdesk-atomic-')
    const target = tmp.file('victim.db')
    writeFileSync(target, VICTIM)
    await expect(
      writeOutput(target, async (out) => {
        await write(out, 'half a PDF')
        throw new Error('invoice not found')
      }),
    ).rejects.toThrow('invoice not found')
    expect(readFileSync(target, 'utf8')).toBe(VICTIM)
    expect(readdirSync(tmp.dir)).toEqual(['victim.db'])
  })

  it('replaces the target only once everything is written', async () => {
    tmp = tempDir('gasdesk-atomic-')
    const target = tmp.file('out.pdf')
    writeFileSync(target, VICTIM)
    const output = openOutput(target)
    await write(output.stream, '%PDF-1.7 new')
    // Half-way through, the old file is still whole.
    expect(readFileSync(target, 'utf8')).toBe(VICTIM)
    await output.commit()
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 new')
    expect(readdirSync(tmp.dir)).toEqual(['out.pdf'])
  })

  it('refuses a folder and a missing folder before writing anything', async () => {
    tmp = tempDir('gasdesk-atomic-')
    mkdirSync(tmp.file('folder'))
    expect(() => openOutput(tmp.file('folder'))).toThrow(expect.objectContaining({ problem: 'folder' }))
    expect(() => openOutput(tmp.file('nowhere/out.pdf'))).toThrow(
      expect.objectContaining({ problem: 'missingFolder' }),
    )
    expect(readdirSync(tmp.dir)).toEqual(['folder'])
  })

  it('writes owner-only files when asked', async () => {
    tmp = tempDir('gasdesk-atomic-')
    await writeFileAtomic(tmp.file('private.pdf'), 'x', { mode: 0o600 })
    expect(statSync(tmp.file('private.pdf')).mode & 0o777).toBe(0o600)
  })

  it('writes a device directly (it cannot be replaced) and reports /dev/full as no space, without crashing', async () => {
    await writeFileAtomic('/dev/null', 'gone')
    const e = await writeFileAtomic('/dev/full', Buffer.alloc(100_000)).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(OutputError)
    expect(e).toMatchObject({ problem: 'noSpace' })
  })
})

const unavailable = tmpfsUnavailable()
if (unavailable) console.warn(`[output on a full disk skipped] ${unavailable}`)

describe.skipIf(!!unavailable)('an output on a full disk', () => {
  it('fails as "no space" and keeps the previous file whole', async () => {
    disk = mountSmallDisk(1024 * 1024)
    const target = disk.file('statement.pdf')
    writeFileSync(target, VICTIM)
    const e = await writeFileAtomic(target, Buffer.alloc(2 * 1024 * 1024, 1)).catch((x: unknown) => x)
    expect(e).toMatchObject({ problem: 'noSpace', target })
    expect(readFileSync(target, 'utf8')).toBe(VICTIM)
    expect(readdirSync(disk.dir)).toEqual(['statement.pdf'])
  })
})
