import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { AuditCursor, AuditFilters, Language } from '../../../contract'
import { auditTime, changeLine, describeAudit, type Translate } from '../../../core/audit/describe'
import { message } from '../../documents/labels'
import { recordAccess, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { auditRows, toEntry, type AuditRow } from './log'

/** Rows per slice: a slice is one call's answer (a few hundred kB at most). */
export const EXPORT_SLICE = 2000

/** The locale files as the audit describer's `t`: a missing key reads as itself, as on screen. */
export function translator(lang: Language): Translate {
  return (key, params) => {
    try {
      return message(lang, key, (params ?? {}) as Record<string, string | number>)
    } catch {
      return key
    }
  }
}

// Excel in Latvian and Russian settings splits on ";" (the comma is the decimal mark there).
const separator = (lang: Language) => (lang === 'en' ? ',' : ';')

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
function field(value: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value
  return safe.includes(sep) || /["\n\r]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe
}

export function csvHeader(lang: Language): string {
  const t = translator(lang)
  const cols = [
    'when',
    'agent',
    'workstation',
    'action',
    'customerNumber',
    'customerName',
    'subject',
    'changes',
    'how',
    'reason',
  ]
  return cols.map((c) => field(t(`audit.csv.${c}`), separator(lang))).join(separator(lang)) + '\r\n'
}

/** Rows as CSV lines, described exactly as the screens describe them (labels, formatted values). */
export function csvLines(rows: AuditRow[], lang: Language): string {
  const t = translator(lang)
  const sep = separator(lang)
  let out = ''
  for (const r of rows) {
    const e = toEntry(r)
    const d = describeAudit(e, t, lang)
    out +=
      [
        auditTime(e.at, lang),
        e.agentName ?? '',
        e.workstation,
        d.action,
        e.customerNumber ?? '',
        e.customerName ?? '',
        d.subject ?? '',
        d.changes.map(changeLine).join('; '),
        d.note ?? '',
        d.reason ?? '',
      ]
        .map((v) => field(v, sep))
        .join(sep) + '\r\n'
  }
  return out
}

export function exportFilename(lang: Language, today: string): string {
  return `${translator(lang)('audit.csv.filename')}-${today}.csv`
}

/** The export's own row in the log: who exported what (filters in words the log shows), how many rows. */
function recordExport(db: Db, actor: MutationActor, filters: AuditFilters, rows: number): void {
  const agent = filters.agentId
    ? ((db.prepare('SELECT display_name FROM agents WHERE id = ?').pluck().get(filters.agentId) as string) ??
      filters.agentId)
    : undefined
  const customer = filters.customerId
    ? ((db
        .prepare('SELECT customer_number FROM customers WHERE id = ?')
        .pluck()
        .get(filters.customerId) as string) ?? filters.customerId)
    : undefined
  recordAccess(db, actor, {
    action: 'audit.export',
    entityType: 'audit_log',
    after: {
      rows,
      ...(agent ? { agent } : {}),
      ...(customer ? { customer } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.workstation ? { workstation: filters.workstation } : {}),
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
    },
  })
}

function countRows(db: Db, filters: AuditFilters): number {
  let n = 0
  let after: AuditCursor | null = null
  // Counted by the same keyset walk the export uses, so the number on record is the number written.
  for (;;) {
    const rows = auditRows(db, filters, after, 10_000)
    n += rows.length
    if (rows.length < 10_000) return n
    const last = rows[rows.length - 1]
    after = { at: last.at, id: last.id }
  }
}

/**
 * One slice of the CSV (the header with the first). The first slice puts the export on record before
 * anything leaves the desk; its own row is newer than every exported row, so it is never in the file.
 */
export function exportSlice(
  db: Db,
  actor: MutationActor,
  filters: AuditFilters,
  after: AuditCursor | null | undefined,
  lang: Language,
  today: string,
  limit = EXPORT_SLICE,
): { filename: string; csv: string; rows: number; next: AuditCursor | null } {
  return db.transaction(() => {
    const rows = auditRows(db, filters, after, limit + 1)
    const shown = rows.slice(0, limit)
    const last = shown[shown.length - 1]
    let total = shown.length
    if (!after) {
      total = countRows(db, filters)
      recordExport(db, actor, filters, total)
    }
    return {
      filename: exportFilename(lang, today),
      csv: (after ? '' : '\ufeff' + csvHeader(lang)) + csvLines(shown, lang),
      rows: total,
      next: rows.length > limit && last ? { at: last.at, id: last.id } : null,
    }
  })()
}

/** The whole filtered log into a file (Electron's save dialog chose it), slice by slice, then on record. */
export async function exportToFile(
  db: Db,
  actor: MutationActor,
  filters: AuditFilters,
  file: string,
  lang: Language,
): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' })
  let rows = 0
  let after: AuditCursor | null = null
  try {
    if (!out.write('\ufeff' + csvHeader(lang))) await once(out, 'drain')
    for (;;) {
      const slice = auditRows(db, filters, after, EXPORT_SLICE)
      rows += slice.length
      if (!out.write(csvLines(slice, lang))) await once(out, 'drain')
      if (slice.length < EXPORT_SLICE) break
      const last = slice[slice.length - 1]
      after = { at: last.at, id: last.id }
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  recordExport(db, actor, filters, rows)
  return rows
}
