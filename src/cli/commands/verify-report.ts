import type { DocumentReport, DocumentStatus } from '../../core/signatures/result'
import { fillMessage } from '../../core/message'
import en from '../../../locales/en.json'

/** What `gasdesk verify` prints: the --json shape, the detailed text, the folder lines and summary. */
export interface JsonEntry {
  file: string
  status: DocumentStatus
  container: string
  signatures: {
    id: string
    format: string
    indication: string
    subIndication: string | null
    level: string | null
    signer: DocumentReport['signatures'][number]['signer']
    signedAt: string | null
    claimedSigningTime: string | null
    timestampTime: string | null
    algorithms: DocumentReport['signatures'][number]['algorithms']
    checks: {
      id: string
      outcome: string
      reasonKey: string
      reason: string
      params?: Record<string, string | number>
    }[]
  }[]
  files: DocumentReport['files']
  warnings: { id: string; outcome: string; reasonKey: string; reason: string }[]
  error: string | null
  validationTime: string
}

const reasons = (en as { signatures?: { reasons?: Record<string, string> } }).signatures?.reasons ?? {}

/** English text of a reason key, with {params} filled in. */
export function reasonText(key: string, params?: Record<string, string | number>): string {
  const template = reasons[key] ?? key
  return fillMessage(template, params)
}

export function toJson(file: string, r: DocumentReport): JsonEntry {
  return {
    file,
    status: r.status,
    container: r.container,
    signatures: r.signatures.map((s) => ({
      id: s.id,
      format: s.format,
      indication: s.indication,
      subIndication: s.subIndication,
      level: s.level,
      signer: s.signer,
      signedAt: s.timestampTime ?? s.claimedSigningTime,
      claimedSigningTime: s.claimedSigningTime,
      timestampTime: s.timestampTime,
      algorithms: s.algorithms,
      checks: s.checks.map((c) => ({ ...c, reason: reasonText(c.reasonKey, c.params) })),
    })),
    files: r.files,
    warnings: r.warnings.map((w) => ({ ...w, reason: reasonText(w.reasonKey, w.params) })),
    error: r.errorKey ? reasonText(r.errorKey) : null,
    validationTime: r.validationTime,
  }
}

/** 1 if any is INVALID, else 2 if any is INDETERMINATE, else 3 for UNSUPPORTED/FORMAT_ERROR, else 0. */
export function exitCode(statuses: DocumentStatus[]): number {
  if (statuses.includes('INVALID')) return 1
  if (statuses.includes('INDETERMINATE')) return 2
  if (statuses.some((s) => s === 'UNSUPPORTED' || s === 'FORMAT_ERROR')) return 3
  return 0
}

const MARK: Record<string, string> = { pass: 'ok  ', fail: 'FAIL', warning: 'warn', not_checked: ' -- ' }

/** The detailed text of one file: every warning, file, signature and check. */
export function readable(e: JsonEntry): string {
  const lines = [`${e.file}: ${e.status} (${e.container})`]
  if (e.error) lines.push(`  ${e.error}`)
  for (const w of e.warnings) lines.push(`  [${MARK[w.outcome] ?? w.outcome}] ${w.reason}`)
  for (const f of e.files)
    lines.push(`  file: ${f.name} (${f.size} bytes${f.mediaType ? ', ' + f.mediaType : ''})`)
  for (const s of e.signatures) {
    const who = [s.signer.name, s.signer.personalCode].filter(Boolean).join(', ') || 'unknown signer'
    lines.push(
      `  signature ${s.id || '(no id)'}: ${s.indication}${s.subIndication ? ' / ' + s.subIndication : ''}` +
        `${s.level ? `, ${s.format}-BASELINE-${s.level}` : ''}`,
      `    signer: ${who}${s.signer.qualified ? ' (qualified)' : ''}`,
    )
    if (s.signer.issuer) lines.push(`    issuer: ${s.signer.issuer}`)
    if (s.claimedSigningTime) lines.push(`    claimed signing time: ${s.claimedSigningTime}`)
    if (s.timestampTime) lines.push(`    timestamp time: ${s.timestampTime}`)
    for (const c of s.checks) lines.push(`    [${MARK[c.outcome] ?? c.outcome}] ${c.id}: ${c.reason}`)
  }
  return lines.join('\n')
}

/** One line per file when a folder is walked: status, path and who signed. */
export function briefLine(e: JsonEntry): string {
  const who = e.signatures.map((s) => s.signer.name ?? s.signer.certificateSerial ?? s.id).filter(Boolean)
  const why = e.error ?? (who.length ? who.join(', ') : '')
  return `${e.status.padEnd(STATUS_WIDTH)}  ${e.file}${why ? `  (${why})` : ''}`
}

const STATUSES: DocumentStatus[] = [
  'VALID',
  'VALID_WITH_WARNINGS',
  'INDETERMINATE',
  'INVALID',
  'UNSUPPORTED',
  'FORMAT_ERROR',
]
const STATUS_WIDTH = Math.max(...STATUSES.map((s) => s.length))

/** Files per status, then the total, the time taken and what a folder walk left out. */
export function summaryTable(entries: JsonEntry[], ms: number, skipped: number): string {
  const rows = STATUSES.map((s) => [s, entries.filter((e) => e.status === s).length] as const)
  const width = Math.max(5, String(entries.length).length)
  const lines = ['', `${'status'.padEnd(STATUS_WIDTH)}  ${'files'.padStart(width)}`]
  for (const [s, n] of rows) if (n > 0) lines.push(`${s.padEnd(STATUS_WIDTH)}  ${String(n).padStart(width)}`)
  lines.push(
    `${'total'.padEnd(STATUS_WIDTH)}  ${String(entries.length).padStart(width)}  in ${(ms / 1000).toFixed(2)} s`,
  )
  if (skipped > 0) lines.push(`(${skipped} other file(s) in the folders skipped: not a signed-document type)`)
  return lines.join('\n')
}
