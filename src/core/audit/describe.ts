import { formatBytes, formatDate, formatDateTime, formatQuantity, type DisplayLanguage } from '../format'
import { auditActionKey } from './actions'

/** A message lookup: vue-i18n's `t` on screen, the locale files in the backend (CSV export). */
export type Translate = (key: string, params?: Record<string, unknown>) => string

/** One audit row as stored: the before/after objects are what the backend wrote (JSON). */
export interface AuditRecord {
  action: string
  entityType: string | null
  before: unknown
  after: unknown
  reason: string | null
  /** What the row is about, as the agent knows it (invoice number, file name, meter serial); see backend. */
  subject?: string | null
}

export interface AuditChange {
  field: string
  /** Null when the row has no "before" at all (something new, or an access): shown as `field: value`. */
  before: string | null
  after: string
}

/** An audit row as people read it: the action's label, what it was about, each change, the reason. */
export interface AuditText {
  action: string
  subject: string | null
  changes: AuditChange[]
  /** How a print was made (preview, printed, saved, batch, command line). */
  note: string | null
  reason: string | null
}

type Kind =
  | 'text'
  | 'date'
  | 'bytes'
  | 'quantity'
  | 'bool'
  | 'minutes'
  | 'list'
  | 'rights'
  | 'action'
  | { values: string }
  | 'hidden'

interface FieldSpec {
  label: string
  kind: Kind
}

const F = (label: string, kind: Kind = 'text'): FieldSpec => ({ label: `audit.fields.${label}`, kind })
const HIDDEN: FieldSpec = { label: '', kind: 'hidden' }

/**
 * What each stored field means. Keyed `entityType.field` where the same name means different things
 * (a reading's channel is not a consent's), else by the field name. Row ids, hashes, media types and
 * internal flags are hidden: they say nothing to an agent and are kept in the database and the export.
 */
const FIELDS: Record<string, FieldSpec> = {
  customerNumber: F('customerNumber'),
  kind: F('kind', { values: 'customers.kind.' }),
  name: F('name'),
  firstName: F('firstName'),
  lastName: F('lastName'),
  premises: F('premises', 'list'),
  email: F('email'),
  phone: F('phone'),
  language: F('language', { values: 'language.' }),
  'portal_account.status': F('portalStatus', { values: 'customers.portal.status.' }),
  'portal_user.status': F('userStatus', { values: 'customers.users.status.' }),
  mustChangePassword: F('mustChangePassword', 'bool'),
  mustConfirmContacts: F('mustConfirmContacts', 'bool'),
  rights: F('rights', 'rights'),
  // A meter reading is shown as the meter shows it: digits, no grouping.
  value: F('readingValue'),
  reading_date: F('readingDate', 'date'),
  'reading.channel': F('channel', { values: 'readings.channel.' }),
  'reading.status': F('readingStatus', { values: 'readings.status.' }),
  out_of_window: F('outOfWindow', 'bool'),
  // An interaction and its follow-up: the codes in words, the due date as a date.
  'interaction.channel': F('channel', { values: 'interactions.channel.' }),
  'interaction.direction': F('direction', { values: 'interactions.direction.' }),
  'interaction.topic': F('topic', { values: 'interactions.topic.' }),
  'interaction.outcome': F('outcome', { values: 'interactions.outcome.' }),
  followUpDue: F('followUpDue', 'date'),
  assignee: F('assignee'),
  'follow_up.status': F('followUpStatus', { values: 'interactions.followUp.status.' }),
  fileName: F('file'),
  file: F('file'),
  size: F('size', 'bytes'),
  'document.status': F('documentStatus', { values: 'documents.review.status.' }),
  decision: F('decision', { values: 'documents.review.decision.' }),
  testPki: F('testPki', 'bool'),
  trustTestPki: F('testPki', 'bool'),
  lockAfterMinutes: F('lockAfterMinutes', 'minutes'),
  // A supervisor's FAQ edit (issue 13).
  'faq.category': F('faqCategory', { values: 'faq.categories.' }),
  'faq.question': F('faqQuestion'),
  'faq.answer': F('faqAnswer'),
  rows: F('rows'),
  agent: F('agent'),
  customer: F('customer'),
  action: F('action', 'action'),
  workstation: F('workstation'),
  from: F('from', 'date'),
  to: F('to', 'date'),
  // Kept for the record and the central system, not for reading.
  id: HIDDEN,
  customerId: HIDDEN,
  sha256: HIDDEN,
  mediaType: HIDDEN,
  meter_id: HIDDEN,
  agent_id: HIDDEN,
  on_behalf_of: HIDDEN,
  period: HIDDEN,
  reason: HIDDEN,
  corrects_reading_id: HIDDEN,
  flags: HIDDEN,
  created_at: HIDDEN,
  wordingVersion: HIDDEN,
  channel: HIDDEN,
  granted: HIDDEN,
  // How the customer gave a consent choice: shown beside the choice itself (changesOf).
  via: HIDDEN,
  status: HIDDEN,
}

const specOf = (entityType: string | null, field: string): FieldSpec | undefined =>
  (entityType ? FIELDS[`${entityType}.${field}`] : undefined) ?? FIELDS[field]

/** Fields of a row that no spec explains (a test keeps the backend's writes covered). */
export function unknownAuditFields(r: Pick<AuditRecord, 'entityType' | 'before' | 'after'>): string[] {
  const keys = new Set([...Object.keys(asObject(r.before) ?? {}), ...Object.keys(asObject(r.after) ?? {})])
  return [...keys].filter((k) => !specOf(r.entityType, k))
}

function asObject(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

const EMPTY = '—'

function valueText(v: unknown, kind: Kind, t: Translate, lang: DisplayLanguage): string {
  if (v === null || v === undefined || v === '') return EMPTY
  if (typeof kind === 'object') {
    const key = `${kind.values}${String(v)}`
    const text = t(key)
    return text === key ? String(v) : text
  }
  switch (kind) {
    case 'bool':
      return t(v === true || v === 1 ? 'audit.values.yes' : 'audit.values.no')
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(v) ? formatDate(v, lang) : String(v)
    case 'bytes':
      return typeof v === 'number' ? formatBytes(v, lang) : String(v)
    case 'quantity':
      return typeof v === 'number' || typeof v === 'string' ? formatQuantity(v, lang) : String(v)
    case 'action': {
      const text = t(auditActionKey(String(v)))
      return text === auditActionKey(String(v)) ? String(v) : text
    }
    case 'minutes':
      return t('audit.values.minutes', { n: Number(v) })
    case 'list':
      return Array.isArray(v) ? (v.length ? v.map(String).join(', ') : EMPTY) : String(v)
    case 'rights':
      // Stored as "subscriber number: right": the right in words, the number as the agent knows it.
      return Array.isArray(v)
        ? v.length
          ? v
              .map((x) => {
                const [subscriber, right] = String(x).split(': ')
                return right ? `${subscriber}: ${t(`customers.rights.${right}`)}` : String(x)
              })
              .join(', ')
          : EMPTY
        : String(v)
    default:
      return typeof v === 'object' ? EMPTY : String(v)
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

function changesOf(r: AuditRecord, t: Translate, lang: DisplayLanguage): AuditChange[] {
  const before = asObject(r.before)
  const after = asObject(r.after)
  // A consent row is about one channel: the channel is the field, the consent its value.
  if (r.action.startsWith('consent.') && after && typeof after.channel === 'string') {
    const text = (g: unknown) =>
      g === undefined ? EMPTY : t(`customers.consent.${g ? 'granted' : 'refused'}`)
    // How the customer gave it (in person, by phone...) is part of the legal record: it goes with the value.
    const via = typeof after.via === 'string' ? t(`customers.consent.via.${after.via}`) : null
    return [
      {
        field: t(`customers.consent.${after.channel}`),
        before: text(before?.granted),
        after: via ? `${text(after.granted)} (${via})` : text(after.granted),
      },
    ]
  }
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  const out: AuditChange[] = []
  for (const key of keys) {
    const spec = specOf(r.entityType, key)
    if (!spec || spec.kind === 'hidden') continue
    const b = before?.[key]
    const a = after?.[key]
    if (before && after && same(a, b)) continue
    // A new record lists what it was created with; empty values and "no" flags are not news.
    const nothing =
      a === null || a === undefined || (spec.kind === 'bool' && !a) || (Array.isArray(a) && a.length === 0)
    if (!before && nothing) continue
    out.push({
      field: t(spec.label),
      before: before ? valueText(b, spec.kind, t, lang) : null,
      after: after ? valueText(a, spec.kind, t, lang) : EMPTY,
    })
  }
  return out
}

const HOWS = ['preview', 'print', 'save', 'batch', 'cli']

/** Turns a stored audit row into what the trail, the log and the CSV show. */
export function describeAudit(r: AuditRecord, t: Translate, lang: DisplayLanguage): AuditText {
  const key = auditActionKey(r.action)
  const label = t(key)
  const isPrint = r.action.startsWith('print.')
  // Prints store how they were made where other rows keep the agent's reason.
  const note = isPrint && r.reason && HOWS.includes(r.reason) ? t(`audit.how.${r.reason}`) : null
  return {
    action: label === key ? r.action : label,
    subject: r.subject ?? null,
    changes: changesOf(r, t, lang),
    note,
    reason: note ? null : r.reason,
  }
}

/** One line for a change: `E-pasts: a@b.lv → c@d.lv`, or `Fails: līgums.edoc` for something new. */
export const changeLine = (c: AuditChange): string =>
  c.before === null ? `${c.field}: ${c.after}` : `${c.field}: ${c.before} → ${c.after}`

/** The instant of a row in the agent's form (Riga time). */
export const auditTime = (at: string, lang: DisplayLanguage): string => formatDateTime(at, lang)
