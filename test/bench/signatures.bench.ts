import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadTrustDir, validateDocument } from '../../src/backend/signatures'
import { ZipArchive } from '../../src/backend/signatures/zip/reader'
import { parseXml } from '../../src/backend/signatures/xml/parser'
import { NS, child, descendants } from '../../src/backend/signatures/xml/dom'
import {
  base64Of,
  canonicalize,
  indexIds,
  parseSignedInfo,
  referenceDigest,
  referenceOctets,
} from '../../src/backend/signatures/xml/dsig'
import { signatureAlgorithm, verifySignature } from '../../src/backend/signatures/xml/algorithms'
import { tryParseCertificate } from '../../src/backend/signatures/pki/x509'
import { makeContainer, makeKey, signFiles } from '../backend/signatures/xml/xades-signer'
import { median, note, type Benchmark, type Figure } from './harness'

/**
 * Signed-document validation speed (issue 6): a 1 MB and a 10 MB .edoc validated warm, and the XML
 * signature step and CMS verification beside Debian's xmlsec1 and openssl (process start included there).
 */
const RUNS = 7
const TRUST = join(__dirname, '../../resources/trust')
const CMS_FIXTURE = '/work/shared/fixtures/signatures/p7s/cades-enveloping.pkcs7'
const PDF_FIXTURE = '/work/shared/fixtures/signatures/pdf/hellopades-pades-lt-sha256-sign.pdf'

function timeIt(fn: () => void, runs = RUNS): number {
  fn()
  fn()
  const t: number[] = []
  for (let i = 0; i < runs; i++) {
    const s = performance.now()
    fn()
    t.push(performance.now() - s)
  }
  return median(t)
}

/** XML-DSig core only: parse, every reference digest, SignedInfo signature (what xmlsec1 --verify does). */
function xmlSignatureStep(container: Buffer): void {
  const zip = ZipArchive.open(container)
  const doc = parseXml(zip.read(zip.get('META-INF/signatures0.xml')!))
  const sig = descendants(doc.root).find((e) => e.ns === NS.ds && e.local === 'Signature')!
  const si = parseSignedInfo(sig)
  const ids = indexIds(doc)
  for (const ref of si.references) {
    const target = ref.uri!.startsWith('#')
      ? { kind: 'element' as const, el: ids.byId.get(ref.uri!.slice(1))! }
      : { kind: 'bytes' as const, data: zip.read(zip.get(decodeURIComponent(ref.uri!))!) }
    if (!referenceDigest(ref, referenceOctets(ref, target, sig)).equals(ref.digestValue))
      throw new Error('digest')
  }
  const cert = tryParseCertificate(base64Of(descendants(sig).find((e) => e.local === 'X509Certificate')!))!
  const ok = verifySignature(
    signatureAlgorithm(si.signatureMethod)!,
    cert.publicKey,
    Buffer.from(canonicalize(si.el, si.c14n)),
    base64Of(child(sig, NS.ds, 'SignatureValue')),
  )
  if (ok !== 'ok') throw new Error('signature')
}

function external(cmd: string, args: string[], cwd?: string): number | null {
  const probe = spawnSync(cmd, args, { cwd })
  if (probe.status !== 0) {
    note(`${cmd} failed: ${probe.stderr?.toString().slice(0, 300)}`)
    return null
  }
  return timeIt(() => void spawnSync(cmd, args, { cwd }), 5)
}

export const benchmarks: Benchmark[] = [
  {
    name: 'signatures: validate .edoc and compare with xmlsec1 / openssl',
    run() {
      note('signatures: making test keys and containers')
      const key = makeKey('ec384')
      const trust = loadTrustDir(TRUST, [key.certDer]).store
      const figures: Figure[] = []
      const dir = mkdtempSync(join(tmpdir(), 'gasdesk-sigbench-'))
      for (const mb of [1, 10]) {
        const files = [
          { name: 'data.bin', data: randomBytes(mb * 1024 * 1024), mediaType: 'application/octet-stream' },
        ]
        const container = makeContainer(files, key)
        const opts = { validationTime: new Date('2025-06-01T00:00:00Z'), trustStore: trust }
        const status = validateDocument(container, 'x.edoc', opts).status
        if (status === 'INVALID' || status === 'FORMAT_ERROR') throw new Error(`bench container is ${status}`)
        figures.push({
          name: `validate ${mb} MB .edoc (warm, median)`,
          unit: 'ms',
          value: timeIt(() => void validateDocument(container, 'x.edoc', opts)),
          target: { max: mb === 1 ? 50 : 300 },
        })
        const ours = timeIt(() => xmlSignatureStep(container))
        // xmlsec1 resolves relative data references from its working directory: run it in the folder.
        writeFileSync(join(dir, 'data.bin'), files[0].data)
        writeFileSync(join(dir, `sig${mb}.xml`), signFiles(files, key))
        writeFileSync(join(dir, 'signer.der'), key.certDer)
        const xmlsec = external(
          'xmlsec1',
          [
            '--verify',
            '--trusted-der',
            join(dir, 'signer.der'),
            '--id-attr:Id',
            'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
            join(dir, `sig${mb}.xml`),
          ],
          dir,
        )
        figures.push({ name: `XML signature step ${mb} MB: ours`, unit: 'ms', value: ours })
        if (xmlsec !== null) {
          figures.push({ name: `XML signature step ${mb} MB: xmlsec1 --verify`, unit: 'ms', value: xmlsec })
          figures.push({
            name: `XML signature step ${mb} MB: ours / xmlsec1`,
            unit: 'x',
            value: ours / xmlsec,
          })
        }
      }
      const cms = readFileSync(CMS_FIXTURE)
      const cmsOpts = { validationTime: new Date('2025-06-01T00:00:00Z'), trustStore: trust }
      const oursCms = timeIt(() => void validateDocument(cms, 'x.pkcs7', cmsOpts))
      const openssl = external('openssl', [
        'cms',
        '-verify',
        '-noverify',
        '-inform',
        'DER',
        '-in',
        CMS_FIXTURE,
        '-out',
        '/dev/null',
      ])
      figures.push({ name: 'CMS validate (cades-enveloping): ours', unit: 'ms', value: oursCms })
      if (openssl !== null) {
        figures.push({ name: 'CMS: openssl cms -verify', unit: 'ms', value: openssl })
        figures.push({ name: 'CMS: ours / openssl', unit: 'x', value: oursCms / openssl })
      }
      // A 50 MB signed PDF (a large image-like stream, then the signed fixture): the object scan is linear.
      const bigPdf = Buffer.concat([
        Buffer.from('%PDF-1.7\n1 0 obj\n<</Length 52428800>>\nstream\n'),
        randomBytes(50 * 1024 * 1024),
        Buffer.from('\nendstream\nendobj\n'),
        readFileSync(PDF_FIXTURE),
      ])
      figures.push({
        name: 'validate 50 MB PDF (warm, median)',
        unit: 'ms',
        value: timeIt(() => void validateDocument(bigPdf, 'big.pdf', cmsOpts), 3),
        target: { max: 400 },
      })
      return figures
    },
  },
]
