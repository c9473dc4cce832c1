import { X509Certificate } from 'node:crypto'
import type { XmlElement } from '../xml/dom'
import { NS, child, path } from '../xml/dom'
import {
  base64Of,
  canonicalize,
  indexIds,
  parseSignedInfo,
  referenceDigest,
  referenceOctets,
  type Target,
} from '../xml/dsig'
import { signatureAlgorithm, verifySignature } from '../xml/algorithms'
import type { TrustedList } from './parse'

/**
 * A trusted list is used only when its enveloped XML signature verifies with a certificate that the
 * level above names (the LOTL pointer for a national list; for the LOTL, the certificates it names for
 * itself, the snapshot being shipped with the application).
 */
export function verifyTrustedList(
  list: TrustedList,
  allowedSigners: Buffer[],
): { ok: boolean; reasonKey: string } {
  const sig = list.signature
  if (!sig) return { ok: false, reasonKey: 'tsl_unsigned' }
  let si
  try {
    si = parseSignedInfo(sig)
  } catch {
    return { ok: false, reasonKey: 'tsl_signature_malformed' }
  }
  const { byId, duplicates } = indexIds(list.doc)
  for (const ref of si.references) {
    let target: Target
    if (ref.uri === '' || ref.uri === null) target = { kind: 'document', doc: list.doc }
    else if (ref.uri.startsWith('#') && byId.has(ref.uri.slice(1)) && !duplicates.has(ref.uri.slice(1)))
      target = { kind: 'element', el: byId.get(ref.uri.slice(1)) as XmlElement }
    else return { ok: false, reasonKey: 'tsl_reference_missing' }
    try {
      if (!referenceDigest(ref, referenceOctets(ref, target, sig)).equals(ref.digestValue))
        return { ok: false, reasonKey: 'tsl_digest' }
    } catch {
      return { ok: false, reasonKey: 'tsl_digest' }
    }
  }
  // The whole list must be covered, not just a part of it.
  if (
    !si.references.some(
      (r) => r.uri === '' || r.uri === `#${list.doc.root.attrs.find((a) => a.local === 'Id')?.value}`,
    )
  )
    return { ok: false, reasonKey: 'tsl_reference_missing' }
  const alg = signatureAlgorithm(si.signatureMethod)
  if (!alg) return { ok: false, reasonKey: 'tsl_signature_algorithm' }
  const keyInfoCert = path(sig, NS.ds, 'KeyInfo', 'X509Data', 'X509Certificate')
  let candidates = allowedSigners
  if (keyInfoCert) {
    let der: Buffer
    try {
      der = base64Of(keyInfoCert)
    } catch {
      return { ok: false, reasonKey: 'tsl_signer_not_allowed' }
    }
    if (!allowedSigners.some((a) => a.equals(der))) return { ok: false, reasonKey: 'tsl_signer_not_allowed' }
    candidates = [der]
  }
  let signed: Buffer
  let value: Buffer
  try {
    signed = Buffer.from(canonicalize(si.el, si.c14n), 'utf8')
    value = base64Of(child(sig, NS.ds, 'SignatureValue'))
  } catch {
    return { ok: false, reasonKey: 'tsl_signature_malformed' }
  }
  for (const der of candidates) {
    try {
      const key = new X509Certificate(der).publicKey
      if (verifySignature(alg, key, signed, value) === 'ok') return { ok: true, reasonKey: 'tsl_ok' }
    } catch {
      // Not a usable certificate: try the next one.
    }
  }
  return { ok: false, reasonKey: 'tsl_signature_bad' }
}
