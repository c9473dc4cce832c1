import { accept, rejector, tidy, type Validation } from './result'

/**
 * Person names: letters of the Latin (incl. Latvian ā č ē ģ ī ķ ļ ņ š ū ž), Cyrillic and Greek scripts,
 * single spaces, hyphens and apostrophes between letters (Anna-Marija, O’Brien, Jānis Bērziņš).
 * Typographic apostrophes are stored as U+2019 so the same name is always spelled the same way.
 */
export const NAME_REASONS = ['empty', 'too-long', 'characters', 'format'] as const
export type NameReason = (typeof NAME_REASONS)[number]

/**
 * Which name it is decides the message: "Ievadiet uzvārdu." under the surname, not "Ievadiet vārdu."
 * (`validation.firstName.*`, `validation.lastName.*`; `validation.name.*` for a name of either kind).
 */
export const NAME_FIELDS = ['name', 'firstName', 'lastName'] as const
export type NameField = (typeof NAME_FIELDS)[number]
const rejects = Object.fromEntries(NAME_FIELDS.map((f) => [f, rejector<NameReason>(f)])) as Record<
  NameField,
  ReturnType<typeof rejector<NameReason>>
>
const LETTER = String.raw`(?:[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]\p{M}*)`
const NAME = new RegExp(String.raw`^${LETTER}+(?:(?: |-|’)?${LETTER}+)*$`, 'u')
export const NAME_MAX_LENGTH = 100

export function validateName(input: string, field: NameField = 'name'): Validation<string, NameReason> {
  const reject = rejects[field]
  const value = tidy(input)
    .replace(/['`\u02bc\u2018]/gu, '’')
    .replace(/ ?[-\u2010\u2011] ?/gu, '-')
  if (value === '') return reject('empty')
  if (value.length > NAME_MAX_LENGTH) return reject('too-long')
  if (/[^\p{L}\p{M} ’-]/u.test(value)) return reject('characters')
  if (!NAME.test(value)) return reject('format')
  return accept(value)
}

/**
 * Business names are registered names (SIA “Ozols & Co”): any printable text, but no control characters
 * and a sane length.
 */
export const COMPANY_NAME_REASONS = ['empty', 'too-long', 'characters'] as const
export type CompanyNameReason = (typeof COMPANY_NAME_REASONS)[number]
const rejectCompany = rejector<CompanyNameReason>('companyName')
export const COMPANY_NAME_MAX_LENGTH = 200

export function validateCompanyName(input: string): Validation<string, CompanyNameReason> {
  if (/[\p{Cc}\p{Cf}]/u.test(input.replace(/[\t\r\n]/gu, ' '))) return rejectCompany('characters')
  const value = tidy(input)
  if (value === '') return rejectCompany('empty')
  if (value.length > COMPANY_NAME_MAX_LENGTH) return rejectCompany('too-long')
  return accept(value)
}
