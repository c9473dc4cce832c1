import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { TrustState } from '../../../contract/methods/documents'
import type { BackendContext } from '../../context'
import type { Db } from '../../db/open'
import { buildTrustStore, loadAnchorDir, loadTrustDir, type LoadedTrust } from '../../signatures'

/**
 * The trusted lists for the desk: resources/trust snapshots, plus the test PKI anchors while the
 * workstation setting is on. Loading verifies every list's XML signature, so it is done once and kept
 * per database (one backend = one database) until the setting or the list files change.
 */
export const TRUST_TEST_PKI_KEY = 'documents.trustTestPki'

interface Cached {
  testPki: boolean
  /** Names, sizes and times of the list files: replacing a list (a refresh) invalidates the cache. */
  fingerprint: string
  loaded: LoadedTrust
  anchors: number
}
const cache = new WeakMap<Db, Cached>()

export function readTrustTestPki(db: Db): boolean {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(TRUST_TEST_PKI_KEY) as
    { value: string } | undefined
  return row ? JSON.parse(row.value) === true : false
}

export function writeTrustTestPki(db: Db, on: boolean): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(TRUST_TEST_PKI_KEY, JSON.stringify(on))
}

function fingerprintOf(dir: string): string {
  const parts: string[] = []
  for (const sub of [dir, join(dir, 'test-pki')]) {
    if (!existsSync(sub)) continue
    for (const f of readdirSync(sub).sort()) {
      const st = statSync(join(sub, f))
      parts.push(`${sub}/${f}:${st.size}:${st.mtimeMs}`)
    }
  }
  return parts.join('|')
}

export function trustFor(ctx: BackendContext): Cached {
  const testPki = readTrustTestPki(ctx.db)
  const dir = join(ctx.resourcesDir, 'trust')
  const fingerprint = fingerprintOf(dir)
  const hit = cache.get(ctx.db)
  if (hit && hit.testPki === testPki && hit.fingerprint === fingerprint) return hit
  const testDir = join(dir, 'test-pki')
  const anchors = testPki && existsSync(testDir) ? loadAnchorDir(testDir) : []
  const loaded = existsSync(dir) ? loadTrustDir(dir, anchors) : buildTrustStore([], anchors)
  const next = { testPki, fingerprint, loaded, anchors: anchors.length }
  cache.set(ctx.db, next)
  return next
}

export function trustState(ctx: BackendContext): TrustState {
  const t = trustFor(ctx)
  return {
    trustTestPki: t.testPki,
    testAnchors: t.anchors,
    lists: t.loaded.lists.map((l) => ({
      territory: l.territory,
      used: l.used,
      reasonKey: l.reasonKey,
      issued: l.issued,
      nextUpdate: l.nextUpdate,
      services: l.services,
    })),
  }
}
