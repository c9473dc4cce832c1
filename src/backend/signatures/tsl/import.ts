import { basename } from 'node:path'
import { XmlError } from '../xml/parser'
import { forgetMemoryCache } from './cache'
import { TslError, parseTrustedList, type TrustedList } from './parse'
import { buildTrustStore, lotlSigners, nationalSigners, readListFiles, type ListFile } from './store'
import { verifyTrustedList } from './verify'
import { installGeneration, installedListFiles } from './workstation'

/**
 * `gasdesk trust import DIR`: newer trusted lists brought to a workstation without the central (a USB
 * stick). Each file is verified top-down against what the workstation trusts now — a LOTL against the
 * signers the current LOTL names for itself, a national list against the signers the (new or current)
 * LOTL names for its territory — and must be newer than the list in use. One refused file refuses the
 * whole import: nothing is installed, so a workstation never runs on half of a set.
 */
export type ImportOutcome = 'install' | 'current' | 'refused'

export interface ImportResult {
  file: string
  territory: string
  sequenceNumber: number | null
  issued: string | null
  nextUpdate: string | null
  outcome: ImportOutcome
  /** tsl_ok (install), tsl_already_current, tsl_older, tsl_same_sequence, or why verification failed. */
  reasonKey: string
}

export interface ImportReport {
  results: ImportResult[]
  /** The generation folder written, or null when nothing was installed. */
  installedInto: string | null
}

interface Candidate {
  file: ListFile
  list: TrustedList | null
  error: string | null
}

const seqOf = (l: TrustedList): number => l.sequenceNumber ?? -1

function result(c: Candidate, outcome: ImportOutcome, reasonKey: string): ImportResult {
  return {
    file: basename(c.file.name),
    territory: c.list?.territory ?? '',
    sequenceNumber: c.list?.sequenceNumber ?? null,
    issued: c.list?.issued ?? null,
    nextUpdate: c.list?.nextUpdate ?? null,
    outcome,
    reasonKey,
  }
}

/** The lists in use now, parsed: the LOTL and one list per territory. */
function inUse(existing: ListFile[]): { lotl: TrustedList | null; bytes: Map<string, Buffer> } {
  const loaded = buildTrustStore(existing)
  const bytes = new Map<string, Buffer>()
  let lotl: TrustedList | null = null
  for (const s of loaded.lists.filter((l) => l.used)) {
    const f = existing.find((e) => e.name === s.file)
    if (!f) continue
    bytes.set(s.territory, f.bytes)
    if (s.territory === 'EU') lotl = parseTrustedList(f.bytes)
  }
  return { lotl, bytes }
}

/** Judges every candidate against the lists in use; installs nothing. */
export function planImport(candidates: ListFile[], existing: ListFile[]): ImportResult[] {
  const now = inUse(existing)
  const parsed: Candidate[] = candidates.map((file) => {
    try {
      return { file, list: parseTrustedList(file.bytes), error: null }
    } catch (e) {
      const key = e instanceof TslError || e instanceof XmlError ? e.reasonKey : 'tsl_unreadable'
      return { file, list: null, error: key }
    }
  })
  const out = new Map<Candidate, ImportResult>()
  for (const c of parsed) if (!c.list) out.set(c, result(c, 'refused', c.error ?? 'tsl_unreadable'))
  const seqInUse = (territory: string): number => {
    const b = now.bytes.get(territory)
    return b ? seqOf(parseTrustedList(b)) : -1
  }
  const judgeAge = (c: Candidate, list: TrustedList, inUseSeq: number): ImportResult => {
    const current = now.bytes.get(list.territory)
    if (seqOf(list) > inUseSeq) return result(c, 'install', 'tsl_ok')
    if (seqOf(list) < inUseSeq) return result(c, 'refused', 'tsl_older')
    return current?.equals(c.file.bytes)
      ? result(c, 'current', 'tsl_already_current')
      : result(c, 'refused', 'tsl_same_sequence')
  }
  // LOTLs first, oldest first: each newer one must be signed by a signer its predecessor names.
  let lotl = now.lotl
  let lotlSeq = lotl ? seqOf(lotl) : -1
  const lotls = parsed
    .filter((c) => c.list?.isLotl && c.list.territory === 'EU')
    .sort((a, b) => seqOf(a.list as TrustedList) - seqOf(b.list as TrustedList))
  for (const c of lotls) {
    const list = c.list as TrustedList
    if (!lotl) {
      out.set(c, result(c, 'refused', 'tsl_no_lotl'))
      continue
    }
    const r = verifyTrustedList(list, lotlSigners(lotl))
    const judged = r.ok ? judgeAge(c, list, lotlSeq) : result(c, 'refused', r.reasonKey)
    out.set(c, judged)
    if (judged.outcome === 'install') {
      lotl = list
      lotlSeq = seqOf(list)
    }
  }
  for (const c of parsed) {
    if (!c.list || out.has(c)) continue
    const list = c.list
    if (!lotl) {
      out.set(c, result(c, 'refused', 'tsl_no_lotl'))
      continue
    }
    const r = verifyTrustedList(list, nationalSigners(lotl, list.territory))
    out.set(c, r.ok ? judgeAge(c, list, seqInUse(list.territory)) : result(c, 'refused', r.reasonKey))
  }
  return parsed.map((c) => out.get(c) as ImportResult)
}

function fileNameFor(list: TrustedList): string {
  const seq = list.sequenceNumber ?? 0
  return list.isLotl ? `EU-LOTL-${seq}.xml` : `${list.territory.replace(/[^A-Z]/gi, '')}-TSL-${seq}.xml`
}

/**
 * Plans the import and, when no file is refused and at least one is newer, installs the new set: the
 * installed LOTLs are all kept (each vouches for the signers of the next), of the national lists only
 * the newest per territory.
 */
export function importTrustedLists(o: { sourceDir: string; shippedDir: string; home: string }): ImportReport {
  const candidates = readListFiles(o.sourceDir, 'installed')
  const installed = installedListFiles(o.home)
  const existing = [...readListFiles(o.shippedDir), ...installed]
  const results = planImport(candidates, existing)
  const fresh = results.map((r, i) => ({ r, file: candidates[i] })).filter((x) => x.r.outcome === 'install')
  if (results.some((r) => r.outcome === 'refused') || fresh.length === 0)
    return { results, installedInto: null }
  const next = new Map<string, { territory: string; lotl: boolean; seq: number; bytes: Buffer }>()
  for (const f of [...installed, ...fresh.map((x) => x.file)]) {
    const list = parseTrustedList(f.bytes)
    const name = fileNameFor(list)
    const same = [...next.entries()].find(
      ([, v]) => !list.isLotl && !v.lotl && v.territory === list.territory,
    )
    if (same && same[1].seq >= seqOf(list)) continue
    if (same) next.delete(same[0])
    next.set(name, { territory: list.territory, lotl: list.isLotl, seq: seqOf(list), bytes: f.bytes })
  }
  const dir = installGeneration(
    o.home,
    [...next.entries()].map(([name, v]) => ({ name, bytes: v.bytes })),
  )
  forgetMemoryCache()
  return { results, installedInto: dir }
}
