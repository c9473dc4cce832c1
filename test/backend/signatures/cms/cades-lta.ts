import { createHash } from 'node:crypto'
import { type Asn1, parseAsn1, raw } from '../../../../src/backend/signatures/pki/asn1'
import {
  OIDS,
  type TestId,
  ctx,
  octet,
  oidDer,
  seq,
  set,
  timestampToken,
  unsignedAttr,
} from '../pki/test-pki'

/**
 * Test-only CAdES-LTA writer, written from ETSI EN 319 122-1 §5.5.2–5.5.3: a CAdES signature split into
 * its parts, an ats-hash-index-v3 over them and an archive-time-stamp-v3 whose imprint covers eContentType,
 * the content hash, the SignerInfo fields and that index. Tests alter the parts afterwards to model what
 * an attacker (or a careless tool) changes after archiving.
 */
export interface CadesParts {
  /** version and digestAlgorithms of the SignedData. */
  head: Buffer[]
  encap: Buffer
  /** eContentType as encoded. */
  contentType: Buffer
  certs: Buffer[]
  crls: Buffer[]
  /** SignerInfo version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature. */
  signerFields: Buffer[]
  /** Unsigned attributes (each a whole Attribute). */
  unsigned: Buffer[]
}

const kids = (n: Asn1) => n.children.map((c) => Buffer.from(raw(c)))

export function splitCades(contentInfo: Buffer): CadesParts {
  const sd = parseAsn1(contentInfo).children[1].children[0]
  const c = sd.children
  let i = 3
  const certs = c[i]?.cls === 2 && c[i].tagNo === 0 ? kids(c[i++]) : []
  const crls = c[i]?.cls === 2 && c[i].tagNo === 1 ? kids(c[i++]) : []
  const si = c[i].children[0]
  const last = si.children.at(-1)!
  const hasUnsigned = last.cls === 2 && last.tagNo === 1
  return {
    head: [Buffer.from(raw(c[0])), Buffer.from(raw(c[1]))],
    encap: Buffer.from(raw(c[2])),
    contentType: Buffer.from(raw(c[2].children[0])),
    certs,
    crls,
    signerFields: kids(si).slice(0, hasUnsigned ? -1 : undefined),
    unsigned: hasUnsigned ? kids(last) : [],
  }
}

export function joinCades(p: CadesParts): Buffer {
  const si = seq(...p.signerFields, ...(p.unsigned.length ? [ctx(1, ...p.unsigned)] : []))
  const sd = seq(
    ...p.head,
    p.encap,
    ...(p.certs.length ? [ctx(0, ...p.certs)] : []),
    ...(p.crls.length ? [ctx(1, ...p.crls)] : []),
    set(si),
  )
  return seq(oidDer(OIDS.signedData), ctx(0, sd))
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest()

/** Each unsigned attribute value as ats-hash-index-v3 hashes it: attrType ‖ that AttributeValue. */
function attributeValueItems(attribute: Buffer): Buffer[] {
  const a = parseAsn1(attribute)
  const type = Buffer.from(raw(a.children[0]))
  return a.children[1].children.map((v) => Buffer.concat([type, Buffer.from(raw(v))]))
}

/** The ATSHashIndexV3 (DER) of the parts as they are now; the algorithm is written out when `explicit`. */
export function hashIndexV3(p: CadesParts, explicit = true): Buffer {
  return seq(
    ...(explicit ? [seq(oidDer(OIDS.sha256))] : []),
    seq(...p.certs.map((c) => octet(sha256(c)))),
    seq(...p.crls.map((c) => octet(sha256(c)))),
    seq(...p.unsigned.flatMap(attributeValueItems).map((v) => octet(sha256(v)))),
  )
}

export interface ArchiveOptions {
  /** The signed content (the detached content for a detached signature). */
  content: Buffer
  /** The index written into the token (default: the true one); the imprint always uses this value. */
  index?: Buffer
  /** The index written into the token when it differs from the one stamped (edited afterwards). */
  writtenIndex?: Buffer
  /** Leave the ats-hash-index-v3 attribute out of the token. */
  noIndex?: boolean
}

/** The parts with an archive-time-stamp-v3 by `tsa` at `at` appended to the unsigned attributes. */
export function addArchiveV3(p: CadesParts, tsa: TestId, at: Date, o: ArchiveOptions): CadesParts {
  const index = o.index ?? hashIndexV3(p)
  const stamped = Buffer.concat([p.contentType, sha256(o.content), ...p.signerFields, index])
  const token = timestampToken(
    tsa,
    stamped,
    at,
    [tsa],
    o.noIndex ? [] : [unsignedAttr(OIDS.atsHashIndexV3, o.writtenIndex ?? index)],
  )
  return { ...p, unsigned: [...p.unsigned, unsignedAttr(OIDS.archiveTimestampV3, token)] }
}
