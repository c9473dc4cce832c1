import { createHash, sign } from 'node:crypto'
import { NS, child, descendants } from '../../../../src/backend/signatures/xml/dom'
import { canonicalize, parseSignedInfo, referenceOctets } from '../../../../src/backend/signatures/xml/dsig'
import { parseXml } from '../../../../src/backend/signatures/xml/parser'
import type { TestId } from '../pki/test-pki'

/**
 * Test-only ETSI TS 119 612 lists signed with test-PKI keys: a LOTL that names its own signers and the
 * national lists' signers, and national lists with services and status histories. They exercise the
 * top-down verification, the import and the "as of" history with lists we control.
 */
const TSL_NS = 'http://uri.etsi.org/02231/v2#'
const ADD_NS = 'http://uri.etsi.org/02231/v2/additionaltypes#'
const LOTL_TYPE = 'http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists'
const GENERIC_TYPE = 'http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric'
const SVC = 'http://uri.etsi.org/TrstSvc/Svctype/'
const STATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/'
const EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#'

export interface TestPeriod {
  status: string
  from: string
  /** Short type such as 'TSA/QTST'; the service's own type when left out. */
  type?: string
  qualifiers?: string[]
}

export interface TestService {
  type: string
  name: string
  cert: Buffer
  /** Newest first, as lists write them: the first is the current status. */
  history: TestPeriod[]
}

export interface TestListOptions {
  territory: string
  lotl?: boolean
  seq: number
  issued: string
  nextUpdate: string
  signer: TestId
  /** LOTL only: territory → certificates allowed to sign that territory's list ('EU' = the LOTL itself). */
  pointers?: Record<string, Buffer[]>
  services?: TestService[]
}

const b64 = (b: Buffer) => b.toString('base64')
const typeUri = (t: string) =>
  t.startsWith('CA/') || t.startsWith('TSA') ? SVC + t : `${SVC}Certstatus/${t}`

function qualifiersXml(q: string[] | undefined): string {
  if (!q?.length) return ''
  return `<ServiceInformationExtensions>${q
    .map(
      (u) =>
        `<Extension Critical="true"><AdditionalServiceInformation><URI xml:lang="en">${u}</URI></AdditionalServiceInformation></Extension>`,
    )
    .join('')}</ServiceInformationExtensions>`
}

function serviceXml(s: TestService): string {
  const [now, ...older] = s.history
  const period = (p: TestPeriod, withIdentity: boolean) =>
    `<ServiceTypeIdentifier>${typeUri(p.type ?? s.type)}</ServiceTypeIdentifier><ServiceName><Name xml:lang="en">${s.name}</Name></ServiceName>` +
    (withIdentity
      ? `<ServiceDigitalIdentity><DigitalId><X509Certificate>${b64(s.cert)}</X509Certificate></DigitalId></ServiceDigitalIdentity>`
      : '<ServiceDigitalIdentity/>') +
    `<ServiceStatus>${STATUS}${p.status}</ServiceStatus><StatusStartingTime>${p.from}</StatusStartingTime>${qualifiersXml(p.qualifiers)}`
  const history = older.length
    ? `<ServiceHistory>${older.map((p) => `<ServiceHistoryInstance>${period(p, false)}</ServiceHistoryInstance>`).join('')}</ServiceHistory>`
    : ''
  return `<TSPService><ServiceInformation>${period(now, true)}</ServiceInformation>${history}</TSPService>`
}

function pointerXml(territory: string, certs: Buffer[]): string {
  const ids = certs
    .map(
      (c) =>
        `<ServiceDigitalIdentity><DigitalId><X509Certificate>${b64(c)}</X509Certificate></DigitalId></ServiceDigitalIdentity>`,
    )
    .join('')
  return `<OtherTSLPointer><ServiceDigitalIdentities>${ids}</ServiceDigitalIdentities><TSLLocation>https://example.test/${territory}.xml</TSLLocation><AdditionalInformation><OtherInformation><SchemeTerritory>${territory}</SchemeTerritory></OtherInformation><OtherInformation><ns3:MimeType xmlns:ns3="${ADD_NS}">application/vnd.etsi.tsl+xml</ns3:MimeType></OtherInformation></AdditionalInformation></OtherTSLPointer>`
}

/** A signed list (enveloped XML-DSig over the whole document, ECDSA P-256, exclusive C14N). */
export function makeTrustedList(o: TestListOptions): Buffer {
  const pointers = Object.entries(o.pointers ?? {})
    .map(([t, certs]) => pointerXml(t, certs))
    .join('')
  const services = (o.services ?? []).map(serviceXml).join('')
  const body =
    `<SchemeInformation><TSLVersionIdentifier>5</TSLVersionIdentifier><TSLSequenceNumber>${o.seq}</TSLSequenceNumber>` +
    `<TSLType>${o.lotl ? LOTL_TYPE : GENERIC_TYPE}</TSLType><SchemeTerritory>${o.territory}</SchemeTerritory>` +
    (pointers ? `<PointersToOtherTSL>${pointers}</PointersToOtherTSL>` : '') +
    `<ListIssueDateTime>${o.issued}</ListIssueDateTime><NextUpdate><dateTime>${o.nextUpdate}</dateTime></NextUpdate></SchemeInformation>` +
    (services
      ? `<TrustServiceProviderList><TrustServiceProvider><TSPInformation><TSPName><Name xml:lang="en">Test TSP ${o.territory}</Name></TSPName></TSPInformation><TSPServices>${services}</TSPServices></TrustServiceProvider></TrustServiceProviderList>`
      : '')
  const signature =
    `<ds:Signature xmlns:ds="${NS.ds}" Id="sig"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC}"/>` +
    `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/>` +
    `<ds:Reference URI="#TSL"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="${EXC}"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>PLACEHOLDERDIGESTXXXXXXX</ds:DigestValue></ds:Reference></ds:SignedInfo>` +
    `<ds:SignatureValue>SIGVALUE</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${b64(o.signer.der)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>`
  const xml = `<?xml version="1.0" encoding="UTF-8"?><TrustServiceStatusList xmlns="${TSL_NS}" Id="TSL">${body}${signature}</TrustServiceStatusList>`
  let doc = parseXml(Buffer.from(xml))
  let sig = descendants(doc.root).find((e) => e.local === 'Signature')!
  const ref = parseSignedInfo(sig).references[0]
  const digest = b64(
    createHash('sha256')
      .update(referenceOctets(ref, { kind: 'element', el: doc.root }, sig))
      .digest(),
  )
  const withDigest = xml.replace('PLACEHOLDERDIGESTXXXXXXX', digest)
  doc = parseXml(Buffer.from(withDigest))
  sig = descendants(doc.root).find((e) => e.local === 'Signature')!
  const si = parseSignedInfo(sig)
  const octets = Buffer.from(canonicalize(child(sig, NS.ds, 'SignedInfo')!, si.c14n), 'utf8')
  const value = sign('sha256', octets, { key: o.signer.key, dsaEncoding: 'ieee-p1363' })
  return Buffer.from(withDigest.replace('SIGVALUE', b64(value)))
}
