import { formatDate, formatDateTime, formatMoney, formatQuantity } from '../../../core/format'
import { formatPersonalCode } from '../../../core/personal-code'
import { outOfWindowReasonKey } from '../../../core/readings/findings'
import { message, type DocLanguage } from '../../documents/labels'

export type Row = Record<string, unknown>

/** Everything exportCustomer gathered, keyed by section (the JSON keeps every column as stored). */
export interface ExportData {
  exportedAt: string
  customer: Row
  consents: Row[]
  premises: Row[]
  meters: Row[]
  readings: Row[]
  invoices: Row[]
  statements: Row[]
  payments: Row[]
  portalAccount: Row | null
  portalUsers: Row[]
  portalRights: Row[]
  messages: Row[]
  documents: Row[]
  audit: Row[]
}

interface Column {
  /** Key under customers.export.col. */
  label: string
  value: (row: Row) => string
}

/**
 * The readable summary of a subject-access export, as the README promises: for a person, not a
 * database — each section with labelled columns in the agent's language, values as the screens show
 * them (dates `26.11.2026.`, money `1 234,56 €`, statuses and channels in words), no internal ids.
 */
export function summaryHtml(data: ExportData, lang: DocLanguage): string {
  const t = (key: string, params?: Record<string, string | number>) => message(lang, key, params)
  const tr = (key: string, fallback: string): string => {
    try {
      return t(key)
    } catch {
      return fallback
    }
  }
  // A stored value with a label in the locales shows the label; anything else shows as stored.
  const word = (prefix: string, v: unknown): string =>
    v === null || v === undefined || v === '' ? '' : tr(`${prefix}.${String(v)}`, String(v))
  const str = (k: string) => (r: Row) => (r[k] === null || r[k] === undefined ? '' : String(r[k]))
  const day = (k: string) => (r: Row) => (typeof r[k] === 'string' ? formatDate(r[k], lang) : '')
  const time = (k: string) => (r: Row) => (typeof r[k] === 'string' ? formatDateTime(r[k], lang) : '')
  const money = (k: string) => (r: Row) => (typeof r[k] === 'number' ? formatMoney(r[k], lang) : '')
  const span = (from: string, to: string) => (r: Row) =>
    [day(from)(r), day(to)(r)].filter((x) => x !== '').join(' – ')
  const address = (r: Row) =>
    [
      `${str('street')(r)} ${str('house')(r)}${r.apartment ? `-${str('apartment')(r)}` : ''}`.trim(),
      str('city')(r),
      r.municipality !== r.city ? str('municipality')(r) : '',
      str('postal_code')(r),
    ]
      .filter((x) => x !== '')
      .join(', ')
  const subscriberOf = new Map(data.premises.map((p) => [p.id, str('subscriber_number')(p)]))
  const userOf = new Map(data.portalUsers.map((u) => [u.id, str('email')(u)]))
  const col = (label: string, value: Column['value']): Column => ({ label, value })

  const c = data.customer
  const profile: [string, string][] = [
    ['customerNumber', str('customer_number')(c)],
    ['kind', word('customers.kind', c.kind)],
    [
      'name',
      c.kind === 'business' ? str('company_name')(c) : `${str('first_name')(c)} ${str('last_name')(c)}`,
    ],
    ['personalCode', typeof c.personal_code === 'string' ? formatPersonalCode(c.personal_code) : ''],
    ['registrationNo', str('registration_no')(c)],
    ['vatNo', str('vat_no')(c)],
    ['email', str('email')(c)],
    ['phone', str('phone')(c)],
    ['language', word('language', c.preferred_language)],
    [
      'address',
      address({
        street: c.addr_street,
        house: c.addr_house,
        apartment: c.addr_apartment,
        city: c.addr_city,
        municipality: c.addr_municipality,
        postal_code: c.addr_postal_code,
      }),
    ],
    ['created', time('created_at')(c)],
  ]

  const tables: [keyof ExportData, Column[], Row[]][] = [
    [
      'consents',
      [
        col('at', time('at')),
        col('channel', (r) => word('customers.consent', r.channel)),
        col(
          'choice',
          (r) =>
            t(r.granted === 1 ? 'customers.consent.granted' : 'customers.consent.refused') +
            (r.undoes_id ? ` (${t('customers.consent.isUndo')})` : ''),
        ),
        col('source', (r) => word('customers.consent.source', r.source)),
        col('via', (r) => word('customers.consent.via', r.obtained_via)),
        col('wordingVersion', str('wording_version')),
      ],
      data.consents,
    ],
    [
      'premises',
      [
        col('subscriberNumber', str('subscriber_number')),
        col('contractNumber', str('contract_number')),
        col('address', address),
        col('billingType', (r) => word('customers.billing', r.billing_type)),
        col('instalment', money('monthly_instalment_cents')),
        col('zone', (r) => word('customers.zone', r.zone)),
        col('supply', span('supply_from', 'supply_to')),
      ],
      data.premises,
    ],
    [
      'meters',
      [
        col('meteringPoint', str('metering_point_id')),
        col('serial', str('serial')),
        col('model', str('model')),
        col('installed', day('installed_at')),
        col('removed', day('removed_at')),
      ],
      data.meters,
    ],
    [
      'readings',
      [
        col('date', day('reading_date')),
        col('value', (r) => (typeof r.value === 'number' ? `${formatQuantity(r.value, lang)} m³` : '')),
        col('status', (r) => word('readings.status', r.status)),
        col('source', (r) => word('readings.source', r.source)),
        col('channel', (r) => word('readings.channel', r.channel)),
        col('reason', (r) =>
          typeof r.reason === 'string' && r.out_of_window === 1 && !r.corrects_reading_id
            ? tr(outOfWindowReasonKey(r.reason), r.reason)
            : str('reason')(r),
        ),
      ],
      data.readings,
    ],
    [
      'invoices',
      [
        col('number', str('number')),
        col('issueDate', day('issue_date')),
        col('period', span('period_start', 'period_end')),
        col('total', money('total_cents')),
        col('status', (r) => word('invoices.status', r.status)),
      ],
      data.invoices,
    ],
    [
      'statements',
      [
        col('number', str('number')),
        col('issueDate', day('issue_date')),
        col('period', span('period_start', 'period_end')),
        col('balance', money('balance_cents')),
        col('status', (r) => word('invoices.status', r.status)),
      ],
      data.statements,
    ],
    [
      'payments',
      [
        col('paidOn', day('paid_on')),
        col('amount', money('amount_cents')),
        col('method', (r) => word('invoices.method', r.method)),
        col('reference', str('reference')),
      ],
      data.payments,
    ],
    [
      'portalAccount',
      [
        col('email', str('email')),
        col('status', (r) => word('customers.portal.status', r.status)),
        col('created', time('created_at')),
      ],
      data.portalAccount ? [data.portalAccount] : [],
    ],
    [
      'portalUsers',
      [
        col('name', (r) => `${str('first_name')(r)} ${str('last_name')(r)}`),
        col('email', str('email')),
        col('status', (r) => word('customers.users.status', r.status)),
      ],
      data.portalUsers,
    ],
    [
      'portalRights',
      [
        col('user', (r) => userOf.get(r.portal_user_id) ?? ''),
        col('subscriberNumber', (r) => subscriberOf.get(r.premise_id) ?? ''),
        col('right', (r) => word('customers.rights', r.right)),
        col('status', (r) => word('customers.users.status', r.status)),
      ],
      data.portalRights,
    ],
    [
      'messages',
      [
        col('at', time('sent_at')),
        col('direction', (r) => word('customers.export.direction', r.direction)),
        col('channel', (r) => word('readings.channel', r.channel)),
        col('subject', str('subject')),
      ],
      data.messages,
    ],
    [
      'documents',
      [
        col('file', str('filename')),
        col('received', time('received_at')),
        col('decision', (r) => word('customers.export.decision', r.decision)),
      ],
      data.documents,
    ],
    [
      'audit',
      [
        col('at', time('at')),
        col('action', (r) => word('customers.audit.actions', String(r.action).replace(/\./gu, '_'))),
        col('reason', str('reason')),
      ],
      data.audit,
    ],
  ]

  const esc = (v: string): string => v.replace(/[&<>"']/gu, (ch) => `&#${ch.charCodeAt(0)};`)
  const label = (k: string) => esc(t(`customers.export.col.${k}`))
  const profileHtml = `<h2>${esc(t('customers.export.sections.customer'))}</h2><dl>${profile
    .filter(([, v]) => v.trim() !== '')
    .map(([k, v]) => `<dt>${label(k)}</dt><dd>${esc(v)}</dd>`)
    .join('')}</dl>`
  const sections = tables
    .map(([key, cols, rows]) => {
      const head = `<h2>${esc(t(`customers.export.sections.${key}`))} (${rows.length})</h2>`
      if (rows.length === 0) return `${head}<p>${esc(t('customers.export.none'))}</p>`
      return `${head}<table><thead><tr>${cols.map((k) => `<th>${label(k.label)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${cols.map((k) => `<td>${esc(k.value(r))}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    })
    .join('\n')
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(t('customers.export.title'))}</title>
<style>body{font:13px/1.4 sans-serif;margin:24px}table{border-collapse:collapse;margin-bottom:16px}
td,th{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}th{background:#eee}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:bold}dd{margin:0}</style></head>
<body><h1>${esc(t('customers.export.title'))}</h1><p>${esc(t('customers.export.exportedAt'))}: ${esc(formatDateTime(data.exportedAt, lang))}</p>
<p>${esc(t('customers.export.jsonNote'))}</p>
${profileHtml}
${sections}</body></html>`
}
