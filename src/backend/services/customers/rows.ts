import { ApiError } from '../../../contract'
import type { Db } from '../../db/open'

export interface CustomerRow {
  rid: number
  id: string
  customer_number: string
  kind: 'person' | 'business'
  first_name: string | null
  last_name: string | null
  company_name: string | null
  personal_code: string | null
  registration_no: string | null
  vat_no: string | null
  email: string | null
  phone: string | null
  preferred_language: 'lv' | 'en' | 'ru'
  addr_street: string | null
  addr_house: string | null
  addr_apartment: string | null
  addr_city: string | null
  addr_municipality: string | null
  addr_postal_code: string | null
  /** The customer asked for the personal code on invoices (0/1). */
  show_personal_code_on_invoice: number
  version: number
  created_at: string
  updated_at: string
}

export function loadCustomer(db: Db, customerId: string): CustomerRow {
  const row = db.prepare('SELECT * FROM customers WHERE id = ?').get(customerId) as CustomerRow | undefined
  if (!row) throw new ApiError('NOT_FOUND', 'customers.errors.notFound')
  return row
}

export function customerName(
  r: Pick<CustomerRow, 'kind' | 'first_name' | 'last_name' | 'company_name'>,
): string {
  return r.kind === 'business' ? (r.company_name ?? '') : `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim()
}

export function customerAddress(r: CustomerRow): string | null {
  if (!r.addr_house) return null
  const first = r.addr_street
    ? `${r.addr_street} ${r.addr_house}${r.addr_apartment ? `-${r.addr_apartment}` : ''}`
    : `“${r.addr_house}”`
  return [
    first,
    r.addr_city,
    r.addr_municipality !== r.addr_city ? r.addr_municipality : null,
    r.addr_postal_code,
  ]
    .filter((p) => p)
    .join(', ')
}

/** Optimistic concurrency on the desk: the agent saw `baseVersion`; a newer local change wins a reload. */
export function checkVersion(row: { version: number }, baseVersion: number): void {
  if (row.version !== baseVersion) {
    throw new ApiError('CONFLICT', 'customers.errors.staleVersion', {
      current: row.version,
      base: baseVersion,
    })
  }
}
