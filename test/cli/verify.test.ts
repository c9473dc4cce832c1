import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ZipArchive } from '../../src/backend/signatures/zip/reader'
import { parseXml } from '../../src/backend/signatures/xml/parser'
import { descendants } from '../../src/backend/signatures/xml/dom'
import { base64Of } from '../../src/backend/signatures/xml/dsig'
import { UsageError } from '../../src/cli/command'
import { exitCode, verifyCommand } from '../../src/cli/commands/verify'

const FIX = '/work/shared/fixtures/signatures'
const AT = ['--at', '2025-09-01T00:00:00Z']

describe('gasdesk verify', () => {
  let out: string[]
  beforeEach(() => {
    out = []
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s))
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => vi.restoreAllMocks())

  it('--json prints one object per file in an array, with the documented fields', async () => {
    const code = await verifyCommand.run([
      `${FIX}/edoc/test+test.edoc`,
      `${FIX}/asice/dot.asice`,
      '--json',
      ...AT,
    ])
    const json = JSON.parse(out.join('\n'))
    expect(json.map((e: { file: string; status: string }) => [e.file.split('/').pop(), e.status])).toEqual([
      ['test+test.edoc', 'VALID'],
      ['dot.asice', 'FORMAT_ERROR'],
    ])
    const sig = json[0].signatures[0]
    expect(Object.keys(sig)).toEqual(
      expect.arrayContaining(['indication', 'subIndication', 'level', 'signer', 'signedAt', 'checks']),
    )
    expect(sig.signer.personalCode).toMatch(/^PNOLV-/)
    expect(
      sig.checks.every((c: { reason: string; reasonKey: string }) => c.reason && c.reason !== c.reasonKey),
    ).toBe(true)
    expect(json[1].error).toMatch(/invalid file name/)
    expect(code).toBe(3)
  })

  it('exit codes: 0 valid, 1 invalid, 2 indeterminate, 3 unsupported/format error', async () => {
    expect(await verifyCommand.run([`${FIX}/edoc/test+test.edoc`, ...AT])).toBe(0)
    expect(
      await verifyCommand.run([`${FIX}/bdoc/invalid-data-file.bdoc`, `${FIX}/edoc/SampleFile.edoc`, ...AT]),
    ).toBe(1)
    expect(await verifyCommand.run([`${FIX}/edoc/SampleFile.edoc`, ...AT])).toBe(2)
    expect(await verifyCommand.run([`${FIX}/asice/missing_manifest.asice`, ...AT])).toBe(3)
    expect(exitCode(['VALID', 'VALID_WITH_WARNINGS'])).toBe(0)
    expect(exitCode(['UNSUPPORTED', 'INDETERMINATE'])).toBe(2)
  })

  it('--content supplies detached CMS content', async () => {
    const args = [`${FIX}/p7s/cades-detached.pkcs7`, '--json', ...AT]
    await verifyCommand.run([...args, '--content', `${FIX}/p7s/hello-world.txt`])
    const good = JSON.parse(out.pop()!)[0]
    await verifyCommand.run(args)
    const missing = JSON.parse(out.pop()!)[0]
    expect(good.status).not.toBe('INVALID')
    expect(missing.status).not.toMatch(/^VALID/)
  })

  it('--trust-test-pki trusts the LV DEMO CA and says so loudly', async () => {
    const errors: string[] = []
    vi.spyOn(console, 'error').mockImplementation((s: string) => void errors.push(s))
    const file = `${FIX}/asice/latvian_T_signature.asice`
    await verifyCommand.run([file, '--json', '--trust-test-pki', ...AT])
    const checks = JSON.parse(out.pop()!)[0].signatures[0].checks
    expect(checks.find((c: { id: string }) => c.id === 'trust-chain')).toMatchObject({
      outcome: 'pass',
      reasonKey: 'xml_chain_test_anchor',
    })
    expect(errors.join('\n')).toMatch(/TEST PKI TRUSTED/)
  })

  it('--trust-dir with the EE TEST root: its root-issued OCSP responder is accepted, BDOC-TM VALID', async () => {
    // The root certificate ships inside valid-asice-lta.asice; written to a folder as a test anchor.
    const zip = ZipArchive.open(readFileSync(`${FIX}/asice/valid-asice-lta.asice`))
    const sig = zip.entries.find((e) => e.name.includes('signatures'))!
    const root = descendants(parseXml(zip.read(sig)).root)
      .filter((el) => el.local === 'EncapsulatedX509Certificate')
      .map((el) => new X509Certificate(base64Of(el)))
      .find((c) => c.ca && c.subject === c.issuer)!
    const dir = mkdtempSync(join(tmpdir(), 'gasdesk-trust-'))
    writeFileSync(join(dir, 'ee-test-root.pem'), root.toString())
    const file = `${FIX}/bdoc/valid-bdoc-tm.bdoc`
    expect(await verifyCommand.run([file, '--json', ...AT])).toBe(2)
    out.length = 0
    expect(await verifyCommand.run([file, '--json', '--trust-dir', dir, ...AT])).toBe(0)
    const json = JSON.parse(out.join('\n'))[0]
    expect(json.status).toBe('VALID')
    expect(json.signatures[0].checks.find((c: { id: string }) => c.id === 'revocation').outcome).toBe('pass')
  })

  it('usage errors: no file, a bad --at, an unreadable file', async () => {
    await expect(verifyCommand.run([])).rejects.toBeInstanceOf(UsageError)
    await expect(
      verifyCommand.run([`${FIX}/edoc/test+test.edoc`, '--at', 'yesterday']),
    ).rejects.toBeInstanceOf(UsageError)
    expect(await verifyCommand.run(['/nonexistent/file.edoc', '--json'])).toBe(3)
  })
})
