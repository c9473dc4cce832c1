import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { TrustState } from '../../../contract/methods/documents'
import type { BackendContext } from '../../context'
import type { Db } from '../../db/open'
import { loadAnchorDir, loadWorkstationTrust, type LoadedTrust } from '../../signatures'

/**
 * The trusted lists for the desk: resources/trust snapshots and the lists installed in the workstation's
 * trust folder (ctx.trustHome, `gasdesk trust import`), plus the test PKI anchors while the workstation
 * setting is on. Verifying the lists is done once (and cached by content hash on disk, tsl/cache.ts) and
 * kept per database (one backend = one database) until the setting or the list files change.
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

function fingerprintOf(dir: string, home: string | null): string {
  const parts: string[] = []
  // The installed set changes by renaming CURRENT over the old one: its time and size show it.
  for (const sub of [dir, join(dir, 'test-pki'), ...(home ? [home] : [])]) {
    if (!existsSync(sub)) continue
    for (const f of readdirSync(sub).sort()) {
      if (sub === home && f !== 'CURRENT') continue
      const st = statSync(join(sub, f))
      parts.push(`${sub}/${f}:${st.size}:${st.mtimeMs}`)
    }
  }
  return parts.join('|')
}

export function trustFor(ctx: BackendContext): Cached {
  const testPki = readTrustTestPki(ctx.db)
  const dir = join(ctx.resourcesDir, 'trust')
  const home = ctx.trustHome ?? null
  const fingerprint = fingerprintOf(dir, home)
  const hit = cache.get(ctx.db)
  if (hit && hit.testPki === testPki && hit.fingerprint === fingerprint) return hit
  const testDir = join(dir, 'test-pki')
  const anchors = testPki && existsSync(testDir) ? loadAnchorDir(testDir) : []
  const loaded = loadWorkstationTrust({ shippedDir: dir, home, testAnchors: anchors })
  const next = { testPki, fingerprint, loaded, anchors: anchors.length }
  cache.set(ctx.db, next)
  return next
}

export function trustState(ctx: BackendContext): TrustState {
  const t = trustFor(ctx)
  const now = ctx.clock.now()
  const lists = t.loaded.lists.map((l) => ({
    territory: l.territory,
    used: l.used,
    reasonKey: l.reasonKey,
    sequenceNumber: l.sequenceNumber,
    issued: l.issued,
    nextUpdate: l.nextUpdate,
    services: l.services,
    source: l.source,
    // Only a list in use can be out of date; a superseded or refused one is not used at all.
    overdue: l.used && l.nextUpdate !== null && Date.parse(l.nextUpdate) < now,
  }))
  return {
    trustTestPki: t.testPki,
    testAnchors: t.anchors,
    checkedAt: new Date(now).toISOString(),
    overdue: lists.some((l) => l.overdue),
    lists,
  }
}
