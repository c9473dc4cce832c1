import type { XmlDocument, XmlElement } from './dom'
import { NS, attr, child, childrenNamed, descendants, textOf } from './dom'
import { c14nMethod, canonicalizeDocument, canonicalizeElement, type C14nOptions } from './c14n'
import { parseXml } from './parser'
import { digest, digestName } from './algorithms'

/** XML-DSig core: SignedInfo parsing and reference processing (transforms, digests). */
export class DsigError extends Error {
  constructor(
    readonly reasonKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reasonKey)
  }
}

export interface Transform {
  algorithm: string
  inclusivePrefixes?: string[]
}

export interface Reference {
  el: XmlElement
  id: string | null
  uri: string | null
  type: string | null
  transforms: Transform[]
  digestMethod: string
  digestValue: Buffer
}

export interface SignedInfo {
  el: XmlElement
  c14n: Transform
  signatureMethod: string
  /** RSAPSSParams when signatureMethod is the generic rsa-pss URI. */
  pss: { digestMethod: string | null; saltLength: number | null } | null
  references: Reference[]
}

const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'
const MAX_REFERENCES = 1000

export function base64Of(el: XmlElement | null): Buffer {
  const text = textOf(el).replace(/[\s]+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new DsigError('xml_bad_base64')
  return Buffer.from(text, 'base64')
}

function transformOf(el: XmlElement): Transform {
  const algorithm = attr(el, 'Algorithm') ?? ''
  const inc = child(el, 'http://www.w3.org/2001/10/xml-exc-c14n#', 'InclusiveNamespaces')
  const list = inc ? attr(inc, 'PrefixList') : null
  return list !== null ? { algorithm, inclusivePrefixes: list.split(/\s+/).filter(Boolean) } : { algorithm }
}

export function parseSignedInfo(signature: XmlElement): SignedInfo {
  const si = child(signature, NS.ds, 'SignedInfo')
  if (!si) throw new DsigError('xml_no_signed_info')
  const cm = child(si, NS.ds, 'CanonicalizationMethod')
  const sm = child(si, NS.ds, 'SignatureMethod')
  if (!cm || !sm) throw new DsigError('xml_no_signed_info')
  const pssParams = child(sm, 'http://www.w3.org/2007/05/xmldsig-more#', 'RSAPSSParams')
  const refEls = childrenNamed(si, NS.ds, 'Reference')
  if (refEls.length === 0 || refEls.length > MAX_REFERENCES) throw new DsigError('xml_no_references')
  const references = refEls.map((el): Reference => {
    const dm = child(el, NS.ds, 'DigestMethod')
    const dv = child(el, NS.ds, 'DigestValue')
    if (!dm || !dv) throw new DsigError('xml_reference_malformed')
    const tEl = child(el, NS.ds, 'Transforms')
    return {
      el,
      id: attr(el, 'Id'),
      uri: attr(el, 'URI'),
      type: attr(el, 'Type'),
      transforms: tEl ? childrenNamed(tEl, NS.ds, 'Transform').map(transformOf) : [],
      digestMethod: attr(dm, 'Algorithm') ?? '',
      digestValue: base64Of(dv),
    }
  })
  const saltText = pssParams
    ? textOf(child(pssParams, 'http://www.w3.org/2007/05/xmldsig-more#', 'SaltLength')).trim()
    : ''
  return {
    el: si,
    c14n: transformOf(cm),
    signatureMethod: attr(sm, 'Algorithm') ?? '',
    pss: pssParams
      ? {
          digestMethod: attr(child(pssParams, NS.ds, 'DigestMethod') ?? pssParams, 'Algorithm'),
          saltLength: /^\d{1,4}$/.test(saltText) ? Number(saltText) : null,
        }
      : null,
    references,
  }
}

/** Elements carrying an `Id`/`ID`/`id` attribute, by value. Duplicates are recorded (wrapping attacks). */
export function indexIds(doc: XmlDocument): { byId: Map<string, XmlElement>; duplicates: Set<string> } {
  const byId = new Map<string, XmlElement>()
  const duplicates = new Set<string>()
  for (const el of descendants(doc.root)) {
    for (const a of el.attrs) {
      if (a.ns !== '' || (a.local !== 'Id' && a.local !== 'ID' && a.local !== 'id')) continue
      if (byId.has(a.value)) duplicates.add(a.value)
      else byId.set(a.value, el)
    }
  }
  return { byId, duplicates }
}

export function canonicalize(el: XmlElement, t: Transform, exclude?: XmlElement | null): string {
  const m = c14nMethod(t.algorithm)
  if (!m) throw new DsigError('xml_unsupported_transform', { algorithm: t.algorithm })
  const opts: C14nOptions = { ...m, inclusivePrefixes: t.inclusivePrefixes, exclude }
  return canonicalizeElement(el, opts)
}

/** What a reference URI points at. */
export type Target =
  | { kind: 'bytes'; data: Buffer }
  | { kind: 'element'; el: XmlElement }
  | { kind: 'document'; doc: XmlDocument }

/**
 * The octets a reference digests: the transforms applied in order to its target. A node-set left at
 * the end is canonicalised with inclusive C14N 1.0, as XML-DSig requires.
 */
export function referenceOctets(ref: Reference, target: Target, signature: XmlElement): Buffer {
  let data: Buffer | null = target.kind === 'bytes' ? target.data : null
  let node: { el: XmlElement | null; doc: XmlDocument | null } | null =
    target.kind === 'element'
      ? { el: target.el, doc: null }
      : target.kind === 'document'
        ? { el: null, doc: target.doc }
        : null
  let exclude: XmlElement | null = null
  for (const t of ref.transforms) {
    if (t.algorithm === ENVELOPED) {
      if (!node) throw new DsigError('xml_unsupported_transform', { algorithm: t.algorithm })
      exclude = signature
      continue
    }
    const m = c14nMethod(t.algorithm)
    if (!m) throw new DsigError('xml_unsupported_transform', { algorithm: t.algorithm })
    if (!node && data) {
      const doc = parseXml(data)
      node = { el: null, doc }
    }
    if (!node) throw new DsigError('xml_unsupported_transform', { algorithm: t.algorithm })
    const opts: C14nOptions = { ...m, inclusivePrefixes: t.inclusivePrefixes, exclude }
    // Same-document URIs select node-sets without comments (XML-DSig §4.3.3.3).
    if (target.kind !== 'bytes') opts.comments = false
    const text = node.el
      ? canonicalizeElement(node.el, opts)
      : canonicalizeDocument(node.doc as XmlDocument, opts)
    data = Buffer.from(text, 'utf8')
    node = null
  }
  if (node) {
    const opts: C14nOptions = { kind: '1.0', comments: false, exclude }
    const text = node.el
      ? canonicalizeElement(node.el, opts)
      : canonicalizeDocument(node.doc as XmlDocument, opts)
    data = Buffer.from(text, 'utf8')
  }
  return data as Buffer
}

export function referenceDigest(ref: Reference, octets: Buffer): Buffer {
  const hash = digestName(ref.digestMethod)
  if (!hash) throw new DsigError('xml_unsupported_digest', { algorithm: ref.digestMethod })
  return digest(hash, octets)
}
