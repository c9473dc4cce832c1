/**
 * How a customer's name and a premise's address read on every screen, list, search hit and printed page:
 * one rule, so the desk, the printed invoice and (later) the central say the same thing.
 */

export interface NameParts {
  kind: string
  first_name: string | null
  last_name: string | null
  company_name: string | null
}

/** "Anna Kalniņa" for a person, the company's name for a business. */
export function customerDisplayName(r: NameParts): string {
  return r.kind === 'business' ? (r.company_name ?? '') : `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim()
}

export interface AddressParts {
  street: string | null
  house: string | null
  apartment: string | null
  town: string | null
  /** A rural parish (pagasts), in full addresses. */
  parish?: string | null
  /** Shown in full addresses when it is not the town itself (Rīga is both). */
  municipality?: string | null
  postalCode?: string | null
}

/**
 * `Brīvības iela 12-5, Rīga` (short: lists, cards, search) or with the municipality and postal code
 * (full: the customer's address on paper and in the profile). A rural house without a street is named in
 * quotes, as Latvian addresses write it: `“Liepas”, Ādaži`.
 */
export function addressLine(a: AddressParts, detail: 'short' | 'full' = 'short'): string {
  const house = a.house?.trim() ?? ''
  const street = a.street?.trim() ?? ''
  const first = street
    ? `${street}${house ? ` ${house}` : ''}${a.apartment ? `-${a.apartment}` : ''}`
    : house
      ? `“${house}”${a.apartment ? `-${a.apartment}` : ''}`
      : ''
  const parts =
    detail === 'short'
      ? [first, a.town]
      : [first, a.town, a.parish, a.municipality !== a.town ? a.municipality : null, a.postalCode]
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(', ')
}
