import { X509Certificate } from 'node:crypto'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { MemoryTrustStore, type TrustService } from '../pki/trust'
import { XmlError } from '../xml/parser'
import { TslError, parseTrustedList, type TrustedList } from './parse'
import { verifyTrustedList } from './verify'

/** Where a list file came from: shipped with the application, or installed later (`gasdesk trust import`). */
export type ListSource = 'shipped' | 'installed'

export interface ListFile {
  name: string
  bytes: Buffer
  source?: ListSource
}

/** Builds the TrustStore from the LOTL and national list snapshots, plus optional test anchors. */
export interface ListStatus {
  file: string
  territory: string
  /** Its services are in the store. A verified list replaced by a newer one is `tsl_superseded`. */
  used: boolean
  reasonKey: string
  sequenceNumber: number | null
  issued: string | null
  nextUpdate: string | null
  services: number
  source: ListSource
}

export interface LoadedTrust {
  store: MemoryTrustStore
  lists: ListStatus[]
}

const XML_MIME = /xml/i
const MAX_LIST_BYTES = 16 * 1024 * 1024

interface Parsed {
  name: string
  source: ListSource
  list: TrustedList | null
  error: string | null
}

function parseAll(files: ListFile[]): Parsed[] {
  return files.map((f) => {
    const source = f.source ?? 'shipped'
    try {
      return { name: f.name, source, list: parseTrustedList(f.bytes), error: null }
    } catch (e) {
      const key = e instanceof TslError || e instanceof XmlError ? e.reasonKey : 'tsl_unreadable'
      return { name: f.name, source, list: null, error: key }
    }
  })
}

const seqOf = (l: TrustedList): number => l.sequenceNumber ?? -1

/** The certificates the LOTL names for itself (its pointer to the EU territory). */
export function lotlSigners(lotl: TrustedList): Buffer[] {
  return lotl.pointers.filter((p) => p.territory === 'EU').flatMap((p) => p.certificates)
}

/** The certificates the LOTL names for one territory's XML list. */
export function nationalSigners(lotl: TrustedList, territory: string): Buffer[] {
  return lotl.pointers
    .filter((ptr) => ptr.territory === territory && (XML_MIME.test(ptr.mimeType) || !ptr.mimeType))
    .flatMap((ptr) => ptr.certificates)
}

/**
 * Top-down, as the lists are meant to be read: a shipped LOTL is verified against the certificates it
 * names for itself (it ships with the application); an installed LOTL only against the signers of the
 * LOTL accepted before it (oldest first, so a signer change announced in one list carries to the next);
 * the newest accepted LOTL then decides which national lists verify, and per territory the newest
 * verified list is used.
 */
export function buildTrustStore(files: ListFile[], testAnchors: Buffer[] = []): LoadedTrust {
  const parsed = parseAll(files)
  const lists: ListStatus[] = []
  const lotls = parsed.filter((p) => p.list?.isLotl && p.list.territory === 'EU')
  let current: Parsed | null = null
  const lotlResults = new Map<Parsed, { ok: boolean; reasonKey: string }>()
  // Installed LOTLs in sequence order, so that each one is checked against its predecessor's signers.
  const ordered = [
    ...lotls.filter((p) => p.source === 'shipped'),
    ...lotls
      .filter((p) => p.source === 'installed')
      .sort((a, b) => seqOf(a.list as TrustedList) - seqOf(b.list as TrustedList)),
  ]
  for (const p of ordered) {
    const list = p.list as TrustedList
    let r: { ok: boolean; reasonKey: string }
    if (p.source === 'shipped') r = verifyTrustedList(list, lotlSigners(list))
    else if (!current) r = { ok: false, reasonKey: 'tsl_no_lotl' }
    else r = verifyTrustedList(list, lotlSigners(current.list as TrustedList))
    lotlResults.set(p, r)
    if (r.ok && (!current || seqOf(list) > seqOf(current.list as TrustedList))) current = p
  }
  for (const p of lotls) {
    const r = lotlResults.get(p) ?? { ok: false, reasonKey: 'tsl_no_lotl' }
    const superseded = r.ok && p !== current
    lists.push(
      status(p, p.list as TrustedList, r.ok && !superseded, superseded ? 'tsl_superseded' : r.reasonKey),
    )
  }
  const lotl = current?.list ?? null
  const lotlBroken = lotls.length > 0 && !lotl
  const services: TrustService[] = []
  const byTerritory = new Map<string, { p: Parsed; ok: boolean; reasonKey: string }[]>()
  for (const p of parsed) {
    if (lotls.includes(p)) continue
    if (!p.list) {
      lists.push({
        file: p.name,
        territory: '',
        used: false,
        reasonKey: p.error ?? 'tsl_unreadable',
        sequenceNumber: null,
        issued: null,
        nextUpdate: null,
        services: 0,
        source: p.source,
      })
      continue
    }
    const list = p.list
    const r = lotl
      ? verifyTrustedList(list, nationalSigners(lotl, list.territory))
      : { ok: false, reasonKey: lotlBroken ? 'tsl_lotl_failed' : 'tsl_no_lotl' }
    const group = byTerritory.get(list.territory) ?? []
    group.push({ p, ...r })
    byTerritory.set(list.territory, group)
  }
  for (const group of byTerritory.values()) {
    const best = group
      .filter((g) => g.ok)
      .sort((a, b) => seqOf(b.p.list as TrustedList) - seqOf(a.p.list as TrustedList))[0]
    for (const g of group) {
      const list = g.p.list as TrustedList
      if (g === best) services.push(...list.services)
      const reasonKey = g.ok && g !== best ? 'tsl_superseded' : g.reasonKey
      lists.push(status(g.p, list, g === best, reasonKey))
    }
  }
  return { store: new MemoryTrustStore(services, testAnchors), lists }
}

function status(p: Parsed, list: TrustedList, used: boolean, reasonKey: string): ListStatus {
  return {
    file: p.name,
    territory: list.territory,
    used,
    reasonKey,
    sequenceNumber: list.sequenceNumber,
    issued: list.issued,
    nextUpdate: list.nextUpdate,
    services: list.services.length,
    source: p.source,
  }
}

/** Trusted-list XML files of a folder (`*.xml`, at most 16 MB each), sorted by name. */
export function readListFiles(dir: string, source: ListSource = 'shipped'): ListFile[] {
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.xml'))
    .sort()
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile() && statSync(p).size <= MAX_LIST_BYTES)
    .map((p) => ({ name: p, bytes: readFileSync(p), source }))
}

/** Trusted-list XML files in a directory (resources/trust). */
export function loadTrustDir(dir: string, testAnchors: Buffer[] = []): LoadedTrust {
  return buildTrustStore(readListFiles(dir), testAnchors)
}

/** Certificates (PEM or DER, .pem/.crt/.cer/.der) in a folder: the test PKI anchors. */
export function loadAnchorDir(dir: string): Buffer[] {
  const out: Buffer[] = []
  for (const f of readdirSync(dir).sort()) {
    if (!/\.(pem|crt|cer|der)$/i.test(f)) continue
    const bytes = readFileSync(join(dir, f))
    const text = bytes.toString('latin1')
    const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)
    for (const item of pems ?? [bytes]) {
      try {
        out.push(Buffer.from(new X509Certificate(item).raw))
      } catch {
        // Not a certificate: ignored (the folder may hold other files).
      }
    }
  }
  return out
}

const cache = new Map<string, LoadedTrust>()

/**
 * The trust store for a trusted-list folder plus test-anchor folders, built once per process and key
 * (parsing and verifying the lists takes a few hundred ms). `refresh` rebuilds after the lists changed.
 */
export function trustStoreFor(trustDir: string, anchorDirs: string[] = [], refresh = false): LoadedTrust {
  const key = JSON.stringify([trustDir, [...anchorDirs].sort()])
  let loaded = refresh ? undefined : cache.get(key)
  if (!loaded) {
    loaded = loadTrustDir(
      trustDir,
      anchorDirs.flatMap((d) => loadAnchorDir(d)),
    )
    cache.set(key, loaded)
  }
  return loaded
}
