import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateRawSync } from 'node:zlib'
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
 * Signed-document validation speed (issues 6 and 14), in process and steady (warm, median): a 1 MiB and a
 * 10 MiB .asice beside the physical floor measured the same way in the same run — inflating every ZIP entry
 * and SHA-256 over the signed data, which no validator can skip — and the XML-signature step beside
 * xmlsec1's own in-process timing (`--repeat N` prints "Executed N tests in T msec"; no process start).
 */
const RUNS = 15
const TRUST = join(__dirname, '../../resources/trust')
const CMS_FIXTURE = '/work/shared/fixtures/signatures/p7s/cades-enveloping.pkcs7'
const PDF_FIXTURE = '/work/shared/fixtures/signatures/pdf/hellopades-pades-lt-sha256-sign.pdf'
const REAL_LTA = '/work/shared/fixtures/signatures/asice/terms_of_Account_Agreement_28062025_ENG.asice'
const XMLSEC_REPEAT = 20

function timeIt(fn: () => void, runs = RUNS): number {
  for (let i = 0; i < 3; i++) fn()
  const t: number[] = []
  for (let i = 0; i < runs; i++) {
    const s = performance.now()
    fn()
    t.push(performance.now() - s)
  }
  return median(t)
}

/**
 * The floor: every entry of the ZIP inflated (read straight from the local headers, no validation) and
 * the data files hashed with SHA-256 — the work any validator must do on these bytes.
 */
function inflateAndHash(zip: Buffer): void {
  let at = 0
  while (at + 30 <= zip.length && zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8)
    const size = zip.readUInt32LE(at + 18)
    const nameLen = zip.readUInt16LE(at + 26)
    const extraLen = zip.readUInt16LE(at + 28)
    const name = zip.toString('utf8', at + 30, at + 30 + nameLen)
    const start = at + 30 + nameLen + extraLen
    const raw = zip.subarray(start, start + size)
    const data = method === 8 ? inflateRawSync(raw) : raw
    if (!name.startsWith('META-INF/') && name !== 'mimetype') createHash('sha256').update(data).digest()
    at = start + size
  }
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

/** xmlsec1's own per-verification time: its --repeat timing line, divided by the repeat count. */
function xmlsecInProcess(args: string[], cwd: string): number | null {
  const run = spawnSync('xmlsec1', ['--verify', '--repeat', String(XMLSEC_REPEAT), ...args], { cwd })
  const out = `${run.stdout?.toString() ?? ''}${run.stderr?.toString() ?? ''}`
  const m = /Executed (\d+) tests in ([\d.]+) msec/.exec(out)
  if (run.status !== 0 || !m) {
    note(`xmlsec1 --repeat gave no timing (status ${run.status}): ${out.slice(0, 300)}`)
    return null
  }
  return Number(m[2]) / Number(m[1])
}

export const benchmarks: Benchmark[] = [
  {
    name: 'signatures: validate .asice in process against the physical floor and xmlsec1',
    run() {
      note('signatures: making test keys and containers')
      const key = makeKey('ec384')
      const trust = loadTrustDir(TRUST, [key.certDer]).store
      const figures: Figure[] = []
      const dir = mkdtempSync(join(tmpdir(), 'gasdesk-sigbench-'))
      const opts = { validationTime: new Date('2025-06-01T00:00:00Z'), trustStore: trust }
      for (const [mib, target] of [
        [1, 3],
        [10, 15],
      ] as const) {
        const files = [
          { name: 'data.bin', data: randomBytes(mib * 1024 * 1024), mediaType: 'application/octet-stream' },
        ]
        const container = makeContainer(files, key)
        const status = validateDocument(container, 'x.asice', opts).status
        if (status === 'INVALID' || status === 'FORMAT_ERROR') throw new Error(`bench container is ${status}`)
        const ours = timeIt(() => void validateDocument(container, 'x.asice', opts))
        const floor = timeIt(() => inflateAndHash(container))
        figures.push(
          {
            name: `validate ${mib} MiB .asice (steady, median)`,
            unit: 'ms',
            value: ours,
            target: { max: target },
          },
          { name: `${mib} MiB floor: inflate + SHA-256 of the data`, unit: 'ms', value: floor },
          { name: `${mib} MiB validate / floor`, unit: 'x', value: ours / floor },
        )
        const step = timeIt(() => xmlSignatureStep(container))
        // xmlsec1 resolves relative data references from its working directory: run it in the folder.
        writeFileSync(join(dir, 'data.bin'), files[0].data)
        writeFileSync(join(dir, `sig${mib}.xml`), signFiles(files, key))
        writeFileSync(join(dir, 'signer.der'), key.certDer)
        const xmlsec = xmlsecInProcess(
          [
            '--trusted-der',
            join(dir, 'signer.der'),
            '--id-attr:Id',
            'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
            join(dir, `sig${mib}.xml`),
          ],
          dir,
        )
        figures.push({ name: `XML signature step ${mib} MiB: ours`, unit: 'ms', value: step })
        if (xmlsec !== null) {
          figures.push(
            {
              name: `XML signature step ${mib} MiB: xmlsec1 (its --repeat timing)`,
              unit: 'ms',
              value: xmlsec,
            },
            { name: `XML signature step ${mib} MiB: ours / xmlsec1`, unit: 'x', value: step / xmlsec },
          )
        }
      }
      if (existsSync(REAL_LTA)) {
        // A real LTA e-seal (timestamps, OCSP, archive timestamp) as agents receive them.
        const real = readFileSync(REAL_LTA)
        figures.push({
          name: `validate a real ${(real.length / 1024).toFixed(0)} KiB LTA .asice (steady, median)`,
          unit: 'ms',
          value: timeIt(() => void validateDocument(real, 'x.asice', opts)),
        })
      }
      const cms = readFileSync(CMS_FIXTURE)
      figures.push({
        name: 'CMS validate (cades-enveloping, steady, median)',
        unit: 'ms',
        value: timeIt(() => void validateDocument(cms, 'x.pkcs7', opts)),
      })
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
        value: timeIt(() => void validateDocument(bigPdf, 'big.pdf', opts), 3),
        target: { max: 400 },
      })
      return figures
    },
  },
]
