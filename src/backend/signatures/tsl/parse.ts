import type { TrustService, TrustStatusPeriod } from '../pki/trust'
import type { XmlDocument, XmlElement } from '../xml/dom'
import { NS, child, childrenNamed, descendants, path, textOf } from '../xml/dom'
import { parseXml } from '../xml/parser'
import { base64Of } from '../xml/dsig'

/** ETSI TS 119 612 trusted lists: the EU List of Trusted Lists and national lists. */
const T = NS.tsl
const LOTL_TYPE = 'http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists'
const SVC_PREFIX = 'http://uri.etsi.org/TrstSvc/Svctype/'

export interface TslPointer {
  territory: string
  location: string
  mimeType: string
  certificates: Buffer[]
}

export interface TrustedList {
  doc: XmlDocument
  territory: string
  isLotl: boolean
  sequenceNumber: number | null
  issued: string | null
  nextUpdate: string | null
  pointers: TslPointer[]
  services: TrustService[]
  signature: XmlElement | null
}

export class TslError extends Error {
  constructor(readonly reasonKey: string) {
    super(reasonKey)
  }
}

/** 'http://uri.etsi.org/TrstSvc/Svctype/Certstatus/OCSP/QC' -> 'OCSP/QC'. */
export function shortServiceType(uri: string): string {
  const rest = uri.startsWith(SVC_PREFIX) ? uri.slice(SVC_PREFIX.length) : uri
  return rest.startsWith('Certstatus/') ? rest.slice('Certstatus/'.length) : rest
}

function lastSegment(uri: string): string {
  return uri.trim().split('/').pop() ?? ''
}

function text(el: XmlElement | null): string {
  return textOf(el).trim()
}

function certificatesOf(sdi: XmlElement | null): Buffer[] {
  if (!sdi) return []
  const out: Buffer[] = []
  for (const id of childrenNamed(sdi, T, 'DigitalId')) {
    const c = child(id, T, 'X509Certificate')
    if (!c) continue
    try {
      out.push(base64Of(c))
    } catch {
      // A malformed identity is left out; the service then simply cannot vouch for anything.
    }
  }
  return out
}

function englishName(el: XmlElement | null): string {
  const names = el ? childrenNamed(el, T, 'Name') : []
  const en = names.find((n) => n.attrs.some((a) => a.local === 'lang' && a.value.toLowerCase() === 'en'))
  return text(en ?? names[0] ?? null)
}

function readService(svc: XmlElement, country: string, provider: string): TrustService | null {
  const info = child(svc, T, 'ServiceInformation')
  if (!info) return null
  const typeUri = text(child(info, T, 'ServiceTypeIdentifier'))
  // Every period keeps its own type and qualifiers: a service may have become QTST (or CA/QC) only later,
  // and the rules judge it as the list described it at the time in question.
  const period = (el: XmlElement): TrustStatusPeriod => ({
    status: lastSegment(text(child(el, T, 'ServiceStatus'))),
    from: text(child(el, T, 'StatusStartingTime')),
    typeUri: text(child(el, T, 'ServiceTypeIdentifier')) || typeUri,
    type: shortServiceType(text(child(el, T, 'ServiceTypeIdentifier')) || typeUri),
    qualifiers: qualifiersOf(child(el, T, 'ServiceInformationExtensions')),
  })
  const history: TrustStatusPeriod[] = [period(info)]
  for (const h of childrenNamed(child(svc, T, 'ServiceHistory') ?? svc, T, 'ServiceHistoryInstance'))
    history.push(period(h))
  const qualifiers = history[0].qualifiers ?? []
  return {
    type: shortServiceType(typeUri),
    typeUri,
    certificates: certificatesOf(child(info, T, 'ServiceDigitalIdentity')),
    history: history.filter((h) => h.status && !Number.isNaN(Date.parse(h.from))),
    qualifiers,
    country,
    name: englishName(child(info, T, 'ServiceName')),
    provider,
  }
}

function qualifiersOf(ext: XmlElement | null): string[] {
  const qualifiers: string[] = []
  if (!ext) return qualifiers
  for (const el of descendants(ext)) {
    if (el.local === 'URI' && el.ns === T) qualifiers.push(text(el))
    if (el.local === 'Qualifier') {
      const uri = el.attrs.find((a) => a.local === 'uri')?.value
      if (uri) qualifiers.push(uri)
    }
  }
  return qualifiers
}

export function parseTrustedList(bytes: Buffer): TrustedList {
  const doc = parseXml(bytes)
  const root = doc.root
  if (root.ns !== T || root.local !== 'TrustServiceStatusList') throw new TslError('tsl_not_a_list')
  const si = child(root, T, 'SchemeInformation')
  if (!si) throw new TslError('tsl_not_a_list')
  const territory = text(child(si, T, 'SchemeTerritory'))
  const isLotl = text(child(si, T, 'TSLType')) === LOTL_TYPE
  const seq = Number(text(child(si, T, 'TSLSequenceNumber')))
  const pointers: TslPointer[] = []
  for (const p of childrenNamed(child(si, T, 'PointersToOtherTSL') ?? si, T, 'OtherTSLPointer')) {
    const infos = descendants(p).filter((e) => e.local === 'OtherInformation')
    const value = (local: string) =>
      infos.map((i) => elementChildrenText(i, local)).find((v) => v !== null) ?? ''
    pointers.push({
      territory: value('SchemeTerritory'),
      location: text(child(p, T, 'TSLLocation')),
      mimeType: value('MimeType'),
      certificates: childrenNamed(
        child(p, T, 'ServiceDigitalIdentities') ?? p,
        T,
        'ServiceDigitalIdentity',
      ).flatMap((s) => certificatesOf(s)),
    })
  }
  const services: TrustService[] = []
  for (const tsp of childrenNamed(
    child(root, T, 'TrustServiceProviderList') ?? root,
    T,
    'TrustServiceProvider',
  )) {
    const provider = englishName(path(tsp, T, 'TSPInformation', 'TSPName'))
    for (const svc of childrenNamed(child(tsp, T, 'TSPServices') ?? tsp, T, 'TSPService')) {
      const s = readService(svc, territory, provider)
      if (s) services.push(s)
    }
  }
  return {
    doc,
    territory,
    isLotl,
    sequenceNumber: Number.isFinite(seq) ? seq : null,
    issued: text(child(si, T, 'ListIssueDateTime')) || null,
    nextUpdate: text(path(si, T, 'NextUpdate', 'dateTime')) || null,
    pointers,
    services,
    signature: child(root, NS.ds, 'Signature'),
  }
}

function elementChildrenText(el: XmlElement, local: string): string | null {
  for (const c of el.children) if (c.type === 'element' && c.local === local) return text(c)
  return null
}
