import { X509Certificate } from 'node:crypto'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { MemoryTrustStore, type TrustService } from '../pki/trust'
import { XmlError } from '../xml/parser'
import { TslError, parseTrustedList, type TrustedList } from './parse'
import { verifyTrustedList } from './verify'

/** Builds the TrustStore from the LOTL and national list snapshots, plus optional test anchors. */
export interface ListStatus {
  file: string
  territory: string
  used: boolean
  reasonKey: string
  issued: string | null
  nextUpdate: string | null
  services: number
}

export interface LoadedTrust {
  store: MemoryTrustStore
  lists: ListStatus[]
}

const XML_MIME = /xml/i
const MAX_LIST_BYTES = 16 * 1024 * 1024

export function buildTrustStore(
  files: { name: string; bytes: Buffer }[],
  testAnchors: Buffer[] = [],
): LoadedTrust {
  const parsed: { name: string; list: TrustedList | null; error: string | null }[] = files.map((f) => {
    try {
      return { name: f.name, list: parseTrustedList(f.bytes), error: null }
    } catch (e) {
      const key = e instanceof TslError || e instanceof XmlError ? e.reasonKey : 'tsl_unreadable'
      return { name: f.name, list: null, error: key }
    }
  })
  const lists: ListStatus[] = []
  const services: TrustService[] = []
  const lotl = parsed.find((p) => p.list?.isLotl && p.list.territory === 'EU')?.list ?? null
  let lotlOk = false
  if (lotl) {
    // The LOTL names its own signing certificates in its pointer to itself.
    const self = lotl.pointers.filter((p) => p.territory === 'EU').flatMap((p) => p.certificates)
    const r = verifyTrustedList(lotl, self)
    lotlOk = r.ok
    lists.push(status(parsed.find((p) => p.list === lotl)?.name ?? '', lotl, r.ok, r.reasonKey))
  }
  for (const p of parsed) {
    if (lotl && p.list === lotl) continue
    if (!p.list) {
      lists.push({
        file: p.name,
        territory: '',
        used: false,
        reasonKey: p.error ?? 'tsl_unreadable',
        issued: null,
        nextUpdate: null,
        services: 0,
      })
      continue
    }
    const list = p.list
    if (!lotl || !lotlOk) {
      lists.push(status(p.name, list, false, lotl ? 'tsl_lotl_failed' : 'tsl_no_lotl'))
      continue
    }
    const allowed = lotl.pointers
      .filter((ptr) => ptr.territory === list.territory && (XML_MIME.test(ptr.mimeType) || !ptr.mimeType))
      .flatMap((ptr) => ptr.certificates)
    const r = verifyTrustedList(list, allowed)
    lists.push(status(p.name, list, r.ok, r.reasonKey))
    if (r.ok) services.push(...list.services)
  }
  return { store: new MemoryTrustStore(services, testAnchors), lists }
}

function status(file: string, list: TrustedList, used: boolean, reasonKey: string): ListStatus {
  return {
    file,
    territory: list.territory,
    used,
    reasonKey,
    issued: list.issued,
    nextUpdate: list.nextUpdate,
    services: list.services.length,
  }
}

/** Trusted-list XML files in a directory (resources/trust). */
export function loadTrustDir(dir: string, testAnchors: Buffer[] = []): LoadedTrust {
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.xml'))
    .sort()
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).size <= MAX_LIST_BYTES)
    .map((p) => ({ name: p, bytes: readFileSync(p) }))
  return buildTrustStore(files, testAnchors)
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
