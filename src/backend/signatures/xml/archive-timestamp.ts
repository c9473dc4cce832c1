/**
 * XAdES archive timestamps (xadesv141:ArchiveTimeStamp, ETSI TS 101 903 v1.4.1 §8.2.1 / EN 319 132-1
 * §5.5.2): the imprint covers, each canonicalised with the timestamp's CanonicalizationMethod (C14N 1.0 by
 * default) and concatenated in this order,
 *   1. the octets of every ds:Reference after its transforms (data files as is, SignedProperties c14n),
 *   2. ds:SignedInfo, ds:SignatureValue and ds:KeyInfo (when present),
 *   3. the unsigned signature properties before this timestamp, in document order,
 *   4. the ds:Object elements other than the one holding the QualifyingProperties (for the older 1.3.2
 *      xades:ArchiveTimeStamp, also other than those a ds:Reference covers).
 */
import type { XmlElement } from './dom'
import { NS, attr, child, childrenNamed, elementChildren } from './dom'
import { C14N } from './c14n'
import { DsigError, base64Of, canonicalize, referenceOctets, type SignedInfo } from './dsig'
import { timestampParts, type XadesProperties } from './xades-props'
import type { XadesInput } from './xades'
import { type ArchiveFinding, judgeArchiveTimestamp } from '../cms/archive'
import { verifyTimestampToken } from '../pki/timestamp'
import type { TrustStore } from '../pki/trust'
import type { Certificate } from '../pki/x509'

const MAX_ARCHIVE_TIMESTAMPS = 20

function decodeOnce(uri: string): string | null {
  try {
    return decodeURIComponent(uri)
  } catch {
    return null
  }
}

/** The bytes the archive timestamp `ts` must have stamped, or null when a referenced part is missing. */
export function archiveTimestampData(
  input: XadesInput,
  si: SignedInfo,
  props: XadesProperties,
  ts: XmlElement,
): Buffer | null {
  const { c14n } = timestampParts(ts)
  const t = { algorithm: c14n ?? C14N.c14n10 }
  const parts: Buffer[] = []
  try {
    for (const ref of si.references) {
      const uri = ref.uri ?? ''
      if (uri.startsWith('#')) {
        const el = input.ids.byId.get(uri.slice(1))
        if (!el) return null
        parts.push(referenceOctets(ref, { kind: 'element', el }, input.signature))
      } else {
        const name = decodeOnce(uri)
        const data = name ? input.file(name) : null
        if (!data) return null
        parts.push(referenceOctets(ref, { kind: 'bytes', data }, input.signature))
      }
    }
    const c14nOf = (el: XmlElement) => Buffer.from(canonicalize(el, t), 'utf8')
    for (const local of ['SignedInfo', 'SignatureValue', 'KeyInfo']) {
      const el = child(input.signature, NS.ds, local)
      if (el) parts.push(c14nOf(el))
      else if (local !== 'KeyInfo') return null
    }
    const usp = ts.parent
    if (!usp) return null
    for (const p of elementChildren(usp)) {
      if (p === ts) break
      parts.push(c14nOf(p))
    }
    // The 1.3.2 ArchiveTimeStamp leaves out objects a ds:Reference already covers; v1.4.1 takes them all.
    const referenced = new Set(si.references.map((r) => r.uri ?? '').filter((u) => u.startsWith('#')))
    const v132 = ts.ns !== NS.xades141
    for (const o of childrenNamed(input.signature, NS.ds, 'Object')) {
      if (props.qualifying && props.qualifying.parent === o) continue
      if (v132 && referenced.has(`#${attr(o, 'Id') ?? ''}`)) continue
      parts.push(c14nOf(o))
    }
  } catch (e) {
    if (e instanceof DsigError) return null
    throw e
  }
  return Buffer.concat(parts)
}

/** The encapsulated token of a timestamp element (DER), or null. */
export function timestampToken(ts: XmlElement): Buffer | null {
  const { token } = timestampParts(ts)
  try {
    return token ? base64Of(token) : null
  } catch {
    return null
  }
}

/**
 * Every archive timestamp verified over its computed data. The verdict: a verified one counts (LTA); else
 * the first broken one (warning); else why they do not count. Where the data cannot be assembled (a
 * referenced part missing) only the token and TSA are checked and the imprint is reported as not checked.
 */
export function checkArchiveTimestamps(
  input: XadesInput,
  si: SignedInfo,
  props: XadesProperties,
  store: TrustStore,
  pool: Certificate[],
): ArchiveFinding {
  const findings: ArchiveFinding[] = []
  for (const ts of props.archiveTimestamps.slice(0, MAX_ARCHIVE_TIMESTAMPS)) {
    const token = timestampToken(ts)
    if (!token) {
      findings.push({ counts: false, outcome: 'warning', reasonKey: 'pki_ts_format' })
      continue
    }
    const data = archiveTimestampData(input, si, props, ts)
    const judged = judgeArchiveTimestamp(verifyTimestampToken(token, data, store, pool))
    findings.push(
      data === null && judged.counts
        ? { counts: false, outcome: 'not_checked', reasonKey: 'pki_archive_ts_imprint_not_checked' }
        : judged,
    )
  }
  return (
    findings.filter((f) => f.counts).at(-1) ??
    findings.find((f) => f.outcome === 'warning') ??
    findings[0] ?? { counts: false, outcome: 'not_checked', reasonKey: 'pki_archive_ts_absent' }
  )
}
