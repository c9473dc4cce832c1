/**
 * Trust: the services of the EU trusted lists (filled by the TSL parser in ../xml) plus test anchors
 * (the "trust test PKI" setting / --trust-dir). Trust is judged at a point in time because every
 * service carries its status history. Never the operating system's TLS roots.
 */
import { X509Certificate } from 'node:crypto'

/** Short service type: 'CA/QC' | 'CA/PKC' | 'OCSP' | 'OCSP/QC' | 'TSA' | 'TSA/QTST' | other ETSI suffix. */
export type TrustServiceType = string

export interface TrustStatusPeriod {
  /** Last segment of the ETSI status URI: 'granted', 'withdrawn', 'accredited', 'undersupervision', ... */
  status: string
  /** Start of this status, ISO date-time. The period lasts until the next entry's `from`. */
  from: string
  /** Service type during this period, when the list states it (history entries may differ from today's). */
  type?: TrustServiceType
  typeUri?: string
  /** Qualifier / additional-service-information URIs during this period. */
  qualifiers?: string[]
}

export interface TrustService {
  type: TrustServiceType
  /** Full ServiceTypeIdentifier URI when known. */
  typeUri?: string
  /** The service digital identities (X.509, DER). */
  certificates: Buffer[]
  /** Status history in any order; the store sorts it. */
  history: TrustStatusPeriod[]
  /** Qualifier / additional-service-information URIs (e.g. ForESignatures, QCWithSSCD) as needed. */
  qualifiers?: string[]
  /** ISO 3166 code of the list the service comes from ('LV', 'EE', 'LT', ...). */
  country: string
  name: string
  /** Trust service provider name. */
  provider?: string
}

/** What the certificate is used for; it decides which service types may vouch for it. */
export type TrustPurpose = 'signature' | 'timestamp' | 'ocsp'

export interface TrustDecision {
  trusted: boolean
  /** The service whose certificate is (or issued) the given certificate, when found in a list. */
  service: TrustService | null
  /** Status of that service at the asked time ('granted', 'withdrawn', ...), or null. */
  status: string | null
  /** True when the anchor came from the test PKI rather than a trusted list. */
  testAnchor: boolean
}

export interface TrustStore {
  services: TrustService[]
  /** Test anchors (DER), only when the "trust test PKI" setting or --trust-dir is on. */
  testAnchors: Buffer[]
  /** Services whose certificate is the issuer of `certDer` (name match and signature verifies). */
  findIssuerServices(certDer: Buffer): TrustService[]
  /**
   * Is `certDer` itself a trust anchor at time `at` for `purpose`: a certificate of a listed service with a
   * granted status at that time, or a test anchor.
   */
  isTrustedAt(certDer: Buffer, at: Date, purpose: TrustPurpose): TrustDecision
}

/** Statuses that mean "trusted" (eIDAS 'granted' and its pre-2016 equivalents). */
const GRANTED = new Set([
  'granted',
  'accredited',
  'undersupervision',
  'supervisionincessation',
  'setbynationallaw',
  'recognisedatnationallevel',
])

export function isGrantedStatus(status: string | null): boolean {
  return status !== null && GRANTED.has(status.toLowerCase())
}

/** Status of a service at a time: the latest history entry that started at or before it. */
export function serviceStatusAt(service: TrustService, at: Date): string | null {
  let best: TrustStatusPeriod | null = null
  for (const h of service.history) {
    const from = Date.parse(h.from)
    if (Number.isNaN(from) || from > at.getTime()) continue
    if (!best || from >= Date.parse(best.from)) best = h
  }
  return best ? best.status : null
}

/** What the list said about a service at a time: its type, status and qualifiers then (null: not listed yet). */
export function serviceAt(
  service: TrustService,
  at: Date,
): { type: TrustServiceType; status: string; qualifiers: string[] } | null {
  let best: TrustStatusPeriod | null = null
  for (const h of service.history) {
    const from = Date.parse(h.from)
    if (Number.isNaN(from) || from > at.getTime()) continue
    if (!best || from >= Date.parse(best.from)) best = h
  }
  if (!best) return null
  return {
    type: best.type ?? service.type,
    status: best.status,
    qualifiers: best.qualifiers ?? service.qualifiers ?? [],
  }
}

/** Which service types may anchor a certificate used for `purpose` (CAs may anchor everything). */
function typeFits(type: string, purpose: TrustPurpose): boolean {
  if (type.startsWith('CA/')) return true
  if (purpose === 'timestamp') return type.startsWith('TSA')
  if (purpose === 'ocsp') return type.startsWith('OCSP')
  return false
}

function parseCert(der: Buffer): X509Certificate | null {
  try {
    return new X509Certificate(der)
  } catch {
    return null
  }
}

/** A plain in-memory store: the TSL loader and the test-anchor folder reader both produce one of these. */
export class MemoryTrustStore implements TrustStore {
  readonly services: TrustService[]
  readonly testAnchors: Buffer[]
  private readonly parsed = new Map<Buffer, X509Certificate | null>()

  constructor(services: TrustService[] = [], testAnchors: Buffer[] = []) {
    this.services = services
    this.testAnchors = testAnchors
  }

  private x509(der: Buffer): X509Certificate | null {
    if (!this.parsed.has(der)) this.parsed.set(der, parseCert(der))
    return this.parsed.get(der) ?? null
  }

  findIssuerServices(certDer: Buffer): TrustService[] {
    const cert = parseCert(certDer)
    if (!cert) return []
    return this.services.filter((s) =>
      s.certificates.some((c) => {
        const issuer = this.x509(c)
        return issuer !== null && cert.checkIssued(issuer) && cert.verify(issuer.publicKey)
      }),
    )
  }

  isTrustedAt(certDer: Buffer, at: Date, purpose: TrustPurpose): TrustDecision {
    if (this.testAnchors.some((a) => a.equals(certDer))) {
      return { trusted: true, service: null, status: null, testAnchor: true }
    }
    const candidates = this.services.filter((s) => s.certificates.some((c) => c.equals(certDer)))
    let fallback: TrustDecision = { trusted: false, service: null, status: null, testAnchor: false }
    for (const s of candidates) {
      const then = serviceAt(s, at)
      const status = then?.status ?? null
      if (isGrantedStatus(status) && typeFits(then?.type ?? s.type, purpose)) {
        return { trusted: true, service: s, status, testAnchor: false }
      }
      if (!fallback.service) fallback = { trusted: false, service: s, status, testAnchor: false }
    }
    return fallback
  }
}

/** Validation inputs shared by every format validator (CMS, PDF, ASiC). */
export interface ValidationOptions {
  /** The --at time; the default is now. */
  validationTime: Date
  trustStore: TrustStore
  /** Detached CMS content. */
  content?: Buffer
  /** Online OCSP is off by default: only embedded evidence is used. */
  allowOnlineOcsp?: boolean
}
