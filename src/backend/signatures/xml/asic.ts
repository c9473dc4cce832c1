import type { DocumentReport, SignatureCheck, SignatureReport } from '../../../core/signatures/result'
import { documentStatus } from '../../../core/signatures/result'
import type { ValidationOptions } from '../pki/trust'
import { ZipArchive, ZipError, unsafeNameReason, type ZipEntry } from '../zip/reader'
import { NS, attr, childrenNamed, elementChildren, type XmlElement } from './dom'
import { XmlError, parseXml } from './parser'
import { indexIds } from './dsig'
import type { Finding } from '../checks/types'
import { validateXades } from './xades'

/** ASiC-E (.asice, .sce, .edoc, .bdoc): container safety and structure, then every XAdES signature. */
export const ASIC_E_MIMETYPE = 'application/vnd.etsi.asic-e+zip'
const ASIC_S_MIMETYPE = 'application/vnd.etsi.asic-s+zip'
const SIGNATURE_FILE = /^META-INF\/[^/]*signatures[^/]*\.xml$/i
const MAX_SIGNATURES = 100

export class ContainerError extends Error {
  constructor(
    readonly reasonKey: string,
    readonly status: 'FORMAT_ERROR' | 'UNSUPPORTED' = 'FORMAT_ERROR',
    readonly params: Record<string, string | number> = {},
  ) {
    super(reasonKey)
  }
}

interface Manifest {
  entries: { name: string; mediaType: string | null }[]
}

function readManifest(bytes: Buffer): Manifest {
  let doc
  try {
    doc = parseXml(bytes)
  } catch (e) {
    throw new ContainerError(e instanceof XmlError ? e.reasonKey : 'asic_manifest_malformed')
  }
  if (doc.root.ns !== NS.manifest || doc.root.local !== 'manifest')
    throw new ContainerError('asic_manifest_malformed')
  const entries: Manifest['entries'] = []
  for (const fe of childrenNamed(doc.root, NS.manifest, 'file-entry')) {
    const name =
      fe.attrs.find((a) => a.ns === NS.manifest && a.local === 'full-path')?.value ?? attr(fe, 'full-path')
    const mediaType = fe.attrs.find((a) => a.ns === NS.manifest && a.local === 'media-type')?.value ?? null
    if (name === null) throw new ContainerError('asic_manifest_malformed')
    if (name === '/') continue
    const bad = unsafeNameReason(name)
    if (bad) throw new ContainerError(bad, 'FORMAT_ERROR', { name })
    if (entries.some((e) => e.name === name))
      throw new ContainerError('zip_duplicate_name', 'FORMAT_ERROR', { name })
    entries.push({ name, mediaType })
  }
  return { entries }
}

function containerKind(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? ''
  return ext === 'edoc' || ext === 'bdoc' ? ext : 'asice'
}

export function validateAsic(bytes: Buffer, fileName: string, options: ValidationOptions): DocumentReport {
  const base: DocumentReport = {
    status: 'FORMAT_ERROR',
    container: containerKind(fileName),
    signatures: [],
    files: [],
    errorKey: null,
    validationTime: options.validationTime.toISOString(),
    warnings: [],
  }
  try {
    return { ...base, ...validateContainer(bytes, options, base.container) }
  } catch (e) {
    if (e instanceof ContainerError)
      return {
        ...base,
        status: e.status,
        errorKey: e.reasonKey,
        ...(Object.keys(e.params).length ? { errorParams: e.params } : {}),
        container: e.reasonKey === 'asic_legacy_edoc' ? 'edoc1' : base.container,
      }
    if (e instanceof ZipError)
      return {
        ...base,
        status: 'FORMAT_ERROR',
        errorKey: e.reasonKey,
        ...(Object.keys(e.params).length ? { errorParams: e.params } : {}),
      }
    throw e
  }
}

function validateContainer(bytes: Buffer, options: ValidationOptions, kind: string): Partial<DocumentReport> {
  const zip = ZipArchive.open(bytes)
  const warnings: SignatureCheck[] = []
  // EDOC 1.x (eParaksts before 2017) marks its entries with an "EDOC/1.x" comment; recognised, not validated.
  if (zip.entries.some((e) => /^EDOC\/1\./.test(e.comment)))
    throw new ContainerError('asic_legacy_edoc', 'UNSUPPORTED')
  const mimetype = zip.get('mimetype')
  if (!mimetype) {
    // A plain ZIP (or .docx, .odt) with nothing of a signed container is not ours to judge.
    const looksSigned = zip.entries.some(
      (e) => SIGNATURE_FILE.test(e.name) || e.name === 'META-INF/manifest.xml',
    )
    throw new ContainerError(
      looksSigned ? 'asic_no_mimetype' : 'doc_unknown_format',
      looksSigned ? 'FORMAT_ERROR' : 'UNSUPPORTED',
    )
  }
  const raw = zip.read(mimetype)
  // A UTF-8 byte-order mark before the type is tolerated with a warning, as DigiDoc4j and DSS do.
  const bom = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf
  const mt = (bom ? raw.subarray(3) : raw).toString('latin1').trim()
  if (bom && mt === ASIC_E_MIMETYPE)
    warnings.push({ id: 'container', outcome: 'warning', reasonKey: 'asic_mimetype_bom' })
  if (mt === ASIC_S_MIMETYPE) throw new ContainerError('asic_s_unsupported', 'UNSUPPORTED')
  if (mt !== ASIC_E_MIMETYPE) {
    // EDOC 1.x and other pre-ASiC eParaksts/DigiDoc formats: recognised, not validated.
    if (/edoc|lv\.eps/i.test(mt))
      throw new ContainerError('asic_legacy_edoc', 'UNSUPPORTED', { mimetype: mt })
    if (/digidoc|ddoc|bdoc-1\.0|adoc/i.test(mt))
      throw new ContainerError('asic_legacy_format', 'UNSUPPORTED', { mimetype: mt })
    throw new ContainerError('asic_bad_mimetype', 'FORMAT_ERROR', { mimetype: mt })
  }
  if (zip.entries[0] !== mimetype)
    warnings.push({ id: 'container', outcome: 'warning', reasonKey: 'asic_mimetype_not_first' })
  if (mimetype.method !== 0)
    warnings.push({ id: 'container', outcome: 'warning', reasonKey: 'asic_mimetype_compressed' })
  const manifestEntry = zip.get('META-INF/manifest.xml')
  if (!manifestEntry) throw new ContainerError('asic_no_manifest')
  const manifest = readManifest(zip.read(manifestEntry))

  const isData = (e: ZipEntry) => !e.isDirectory && e.name !== 'mimetype' && !e.name.startsWith('META-INF/')
  const dataEntries = zip.entries.filter(isData)
  const files = dataEntries.map((e) => ({
    name: e.name,
    size: e.size,
    mediaType: manifest.entries.find((m) => m.name === e.name)?.mediaType ?? null,
  }))
  // Findings that concern every signature: a signed file missing from the ZIP, a file not in the manifest.
  const container: Finding[] = [
    ...manifest.entries
      .filter((m) => !zip.get(m.name))
      .map((m): Finding => ({
        problem: 'missing',
        reasonKey: 'asic_manifest_file_missing',
        params: { name: m.name },
      })),
    ...dataEntries
      .filter((e) => !manifest.entries.some((m) => m.name === e.name))
      .map((e): Finding => ({
        problem: 'format',
        reasonKey: 'asic_file_not_in_manifest',
        params: { name: e.name },
      })),
  ]

  const cache = new Map<string, Buffer>()
  const file = (name: string): Buffer | null => {
    const e = zip.get(name)
    if (!e || !isData(e)) return null
    let b = cache.get(name)
    if (!b) {
      b = zip.read(e)
      cache.set(name, b)
    }
    return b
  }
  const dataFiles = [
    ...manifest.entries.filter((m) => !m.name.startsWith('META-INF/')),
    ...dataEntries
      .filter((e) => !manifest.entries.some((m) => m.name === e.name))
      .map((e) => ({ name: e.name, mediaType: null })),
  ]
  const signatures: SignatureReport[] = []
  for (const entry of zip.entries.filter((e) => SIGNATURE_FILE.test(e.name))) {
    let doc
    try {
      doc = parseXml(zip.read(entry))
    } catch (e) {
      if (e instanceof XmlError || e instanceof ZipError) {
        signatures.push(brokenSignature(entry.name, e.reasonKey))
        continue
      }
      throw e
    }
    const ids = indexIds(doc)
    // Top-level signatures only: a ds:Signature nested in unsigned properties is a countersignature.
    const isSig = (el: XmlElement) => el.ns === NS.ds && el.local === 'Signature'
    const sigEls = isSig(doc.root) ? [doc.root] : elementChildren(doc.root).filter(isSig)
    if (sigEls.length === 0) signatures.push(brokenSignature(entry.name, 'asic_signature_file_empty'))
    for (const sig of sigEls.slice(0, MAX_SIGNATURES)) {
      signatures.push(validateXades({ doc, signature: sig, ids, file, dataFiles, options }, container))
    }
  }
  if (
    signatures.length === 0 &&
    zip.entries.some((e) => /^META-INF\/[^/]*signature[^/]*\.p7s$/i.test(e.name))
  )
    throw new ContainerError('asic_cades_unsupported', 'UNSUPPORTED')
  if (signatures.length === 0)
    warnings.push({ id: 'container', outcome: 'fail', reasonKey: 'asic_no_signatures' })
  return { status: documentStatus(signatures, warnings), container: kind, signatures, files, warnings }
}

function brokenSignature(name: string, reasonKey: string): SignatureReport {
  return {
    id: name,
    format: 'XAdES',
    indication: 'TOTAL_FAILED',
    subIndication: 'FORMAT_FAILURE',
    level: null,
    signer: { name: null, personalCode: null, certificateSerial: null, issuer: null, qualified: null },
    claimedSigningTime: null,
    timestampTime: null,
    algorithms: { digest: null, signature: null, canonicalization: null },
    checks: [{ id: 'structure', outcome: 'fail', reasonKey }],
  }
}

/**
 * One data file of a container, through the same safe reader (for viewing or saving in the desk): null
 * when the name is not a data file of a readable container.
 */
export function extractContainerFile(bytes: Buffer, name: string): Buffer | null {
  try {
    const zip = ZipArchive.open(bytes)
    const e = zip.get(name)
    if (!e || e.isDirectory || e.name === 'mimetype' || e.name.startsWith('META-INF/')) return null
    return zip.read(e)
  } catch (e) {
    if (e instanceof ZipError) return null
    throw e
  }
}
