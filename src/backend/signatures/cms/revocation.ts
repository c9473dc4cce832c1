/**
 * Revocation evidence a CMS signature (CAdES, PAdES) carries: OCSP responses (CAdES revocationValues,
 * Adobe's revocation archival attribute, RFC 5940 otherRevInfo in the SignedData `crls` field) and CRLs
 * from the same places. The PDF DSS adds its own; checks/revocation.ts judges them for every format.
 */
import { raw } from '../pki/asn1'
import { attr, type SignedData, type SignerInfo } from '../pki/cms'
import { OID } from '../pki/oids'

export interface RevocationSources {
  ocsp: Buffer[]
  crls: Buffer[]
}

/** [0] CRLs and [1] OCSP values of a RevocationValues / RevocationInfoArchival attribute value. */
function collect(value: ReturnType<typeof attr>, into: RevocationSources): void {
  for (const field of value?.children ?? []) {
    if (field.cls !== 2 || (field.tagNo !== 0 && field.tagNo !== 1)) continue
    const items = (field.children[0]?.children ?? []).map((n) => Buffer.from(raw(n)))
    ;(field.tagNo === 0 ? into.crls : into.ocsp).push(...items)
  }
}

/** Everything the SignedData and SignerInfo carry. */
export function embeddedRevocation(sd: SignedData, si: SignerInfo): RevocationSources {
  const out: RevocationSources = { ocsp: [...sd.ocspResponses], crls: [...sd.crls] }
  collect(attr(si, OID.revocationValues, true), out)
  collect(attr(si, OID.adbeRevocationInfo), out)
  return out
}
