import { customerNameSql } from '../customers/rows'
import type { DocumentDetail, DocumentSummary } from '../../../contract/methods/documents'
import type { DocumentReport } from '../../../core/signatures/result'
import type { Db } from '../../db/open'

/** The documents table as the review screens read it (customer and deciding agent joined). */
export interface DocumentRow {
  id: string
  customer_id: string
  customer_number: string
  customer_name: string
  filename: string
  mime: string
  size_bytes: number
  sha256: string
  validation: string | null
  validated_at: string | null
  decision: 'accepted' | 'rejected' | 'needs_info' | null
  decided_by_name: string | null
  decided_at: string | null
  decision_reason: string | null
  received_at: string
  version: number
  detached_name: string | null
}

/** What the validation column holds: the report and whether the test PKI was trusted for it. */
export interface StoredValidation {
  report: DocumentReport
  testPki: boolean
}

const SELECT = `
  SELECT d.id, d.customer_id, c.customer_number,
    ${customerNameSql('c')} AS customer_name,
    d.filename, d.mime, d.size_bytes, d.sha256, d.validation, d.validated_at, d.decision,
    a.display_name AS decided_by_name, d.decided_at, d.decision_reason, d.received_at, d.version,
    d.detached_name
  FROM documents d
  JOIN customers c ON c.id = d.customer_id
  LEFT JOIN agents a ON a.id = d.decided_by`

export function getRow(db: Db, id: string): DocumentRow | undefined {
  return db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DocumentRow | undefined
}

export function listRows(
  db: Db,
  filter: { customerId?: string; pending?: boolean; limit: number },
): DocumentRow[] {
  const where: string[] = []
  const args: unknown[] = []
  if (filter.customerId) {
    where.push('d.customer_id = ?')
    args.push(filter.customerId)
  }
  if (filter.pending) where.push('d.decision IS NULL')
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY d.received_at DESC, d.id DESC LIMIT ?`
  return db.prepare(sql).all(...args, filter.limit) as DocumentRow[]
}

export function parseValidation(json: string | null): StoredValidation | null {
  if (!json) return null
  const v = JSON.parse(json) as StoredValidation
  return v && typeof v === 'object' && v.report ? v : null
}

export function toSummary(row: DocumentRow): DocumentSummary {
  return summaryOf(row, parseValidation(row.validation))
}

function summaryOf(row: DocumentRow, v: StoredValidation | null): DocumentSummary {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerNumber: row.customer_number,
    customerName: row.customer_name,
    fileName: row.filename,
    mediaType: row.mime,
    size: row.size_bytes,
    sha256: row.sha256,
    receivedAt: row.received_at,
    status: v?.report.status ?? null,
    errorKey: v?.report.errorKey ?? null,
    container: v?.report.container ?? null,
    signers: (v?.report.signatures ?? []).map((s) => s.signer.name ?? s.signer.certificateSerial ?? s.id),
    validatedAt: row.validated_at,
    testPki: v?.testPki ?? false,
    decision: row.decision,
    decidedBy: row.decided_by_name,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    version: row.version,
    contentFileName: row.detached_name,
  }
}

export function toDetail(row: DocumentRow): DocumentDetail {
  const v = parseValidation(row.validation)
  return { ...summaryOf(row, v), report: v?.report ?? null }
}
