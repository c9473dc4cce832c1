import { addressLine } from '../../../core/customers/display'
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

/**
 * `customerDisplayName` in SQL, for queries that filter or page by it (`alias` is the customers table's;
 * NULL where an outer join found no customer).
 */
export const customerNameSql = (alias: string): string =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL WHEN ${alias}.kind = 'business' THEN coalesce(${alias}.company_name, '')
     ELSE trim(coalesce(${alias}.first_name, '') || ' ' || coalesce(${alias}.last_name, '')) END`

/** The customer's own (legal) address in full, or null when none is recorded. */
export function customerAddress(r: CustomerRow): string | null {
  if (!r.addr_house) return null
  return addressLine(
    {
      street: r.addr_street,
      house: r.addr_house,
      apartment: r.addr_apartment,
      town: r.addr_city,
      municipality: r.addr_municipality,
      postalCode: r.addr_postal_code,
    },
    'full',
  )
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
