import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CmsError, parseSignedData, verifySignerInfo } from '../../../../src/backend/signatures/pki/cms'
import { FIXTURES, fixture } from './fixtures'

const verifyOne = (file: string, content?: Buffer) => {
  const sd = parseSignedData(fixture(file))
  return verifySignerInfo(sd, sd.signers[0], content ?? sd.content)
}

describe('CMS SignedData verification', () => {
  it('verifies a detached RSA signature over the supplied content', () => {
    const v = verifyOne('p7s/cades-detached.pkcs7', fixture('p7s/hello-world.txt'))
    expect(v.messageDigest).toBe('match')
    expect(v.signature?.outcome).toBe('pass')
    expect(v.signingCertRef).toEqual({ state: 'match', version: 2 })
    expect(v.certificate && v.certificate.subject.attrs.find((a) => a.name === 'CN')?.value).toBe('good-user')
  })

  it('reports the message digest as not intact when other content is supplied', () => {
    const v = verifyOne('p7s/cades-detached.pkcs7', Buffer.from('Bye World'))
    expect(v.messageDigest).toBe('mismatch')
  })

  it('reports an altered enveloped content as a digest mismatch while the signature over attributes holds', () => {
    const v = verifyOne('p7s/cades-enveloping-broken.pkcs7')
    expect(v.messageDigest).toBe('mismatch')
    expect(v.signature?.outcome).toBe('pass')
  })

  it('verifies RSASSA-PSS with SHA3-256 while the message digest is SHA-256', () => {
    const v = verifyOne('p7s/CAdES-BpB-att-SHA256-SHA3_256withRSAandMGF1.p7m')
    expect(v.digestAlgorithm).toBe('sha256')
    expect(v.signature).toMatchObject({ outcome: 'pass', family: 'RSA-PSS', digest: 'sha3-256' })
  })

  it('verifies BER signed attributes that are not in DER order', () => {
    // The signer hashed the DER-sorted SET: as-received fails, the re-sorted retry passes (flagged).
    const v = verifyOne('p7s/BER_reordered_prova.txt.p7m')
    expect(v.messageDigest).toBe('match')
    expect(v.signature?.outcome).toBe('pass')
    expect(v.resorted).toBe(true)
  })

  it('finds no signing certificate when the CMS carries none', () => {
    const v = verifyOne('p7s/cms-no-sign-cert.p7m')
    expect(v.certificate).toBeNull()
    expect(v.signature).toBeNull()
  })

  it('agrees with openssl cms -verify -noverify on the enveloping fixtures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cms-'))
    for (const [file, ours] of [
      ['p7s/cades-enveloping.pkcs7', true],
      ['p7s/cades-enveloping-broken.pkcs7', false],
    ] as const) {
      let openssl = true
      try {
        execFileSync(
          'openssl',
          [
            'cms',
            '-verify',
            '-noverify',
            '-inform',
            'DER',
            '-in',
            join(FIXTURES, file),
            '-out',
            join(dir, 'out'),
          ],
          { stdio: 'pipe' },
        )
      } catch {
        openssl = false
      }
      const v = verifyOne(file)
      expect(v.messageDigest === 'match' && v.signature?.outcome === 'pass').toBe(ours)
      expect(openssl).toBe(ours)
    }
  })

  it('rejects garbage, truncation and non-SignedData as a CMS format error', () => {
    const good = fixture('p7s/cades-enveloping.pkcs7')
    for (const bad of [
      Buffer.alloc(0),
      Buffer.from('hello'),
      good.subarray(0, good.length >> 1),
      Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
    ]) {
      expect(() => parseSignedData(bad)).toThrow(CmsError)
    }
  })
})
