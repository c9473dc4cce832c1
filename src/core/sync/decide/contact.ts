import { validateEmail } from '../../contact/email'
import { normalizePhone } from '../../contact/phone'
import type { CustomerRow } from '../rows'
import { applied, conflict, rejected, type Decision, type DecideContext, type SyncStateView } from './types'

export interface UpdateContactIntent {
  email?: string | null
  phone?: string | null
}
export interface SetLanguageIntent {
  language: 'lv' | 'en' | 'ru'
}

type Field = 'email' | 'phone' | 'preferred_language'

/**
 * Field-level merge against the agent's base version, in the central's arrival order (SYNC.md): a field
 * nobody changed since the base takes the new value; a field changed since to the same value merges; a
 * field changed since to something else is a conflict for a person, while the other fields still apply.
 */
function mergeFields(
  state: SyncStateView,
  ctx: DecideContext,
  changes: Partial<Record<Field, string | null>>,
): Decision {
  const c = state.customer(ctx.entityId)
  if (!c) return rejected('not-found', { customerId: ctx.entityId })
  const base = ctx.baseVersion ?? 0
  const take: Partial<Record<Field, string | null>> = {}
  const clashes: { field: Field; mine: string | null; theirs: string | null }[] = []
  for (const [field, value] of Object.entries(changes) as [Field, string | null][]) {
    if (c[field] === value) continue
    const changedSince = (c.field_versions[field] ?? 0) > base
    if (changedSince) clashes.push({ field, mine: value, theirs: c[field] })
    else take[field] = value
  }
  const fields = Object.keys(take) as Field[]
  let writes = {}
  if (fields.length > 0) {
    const version = c.version + 1
    const next: CustomerRow = {
      ...c,
      ...take,
      field_versions: { ...c.field_versions, ...Object.fromEntries(fields.map((f) => [f, version])) },
      version,
      updated_at: ctx.now,
    } as CustomerRow
    writes = { customers: [next] }
  }
  if (clashes.length > 0)
    return conflict('field-changed', { customerId: c.id, baseVersion: base, fields: clashes }, writes)
  return applied(writes, { changed: fields })
}

export function decideUpdateContact(
  state: SyncStateView,
  args: UpdateContactIntent,
  ctx: DecideContext,
): Decision {
  const changes: Partial<Record<Field, string | null>> = {}
  const invalid: { field: string; messageKey: string }[] = []
  if (args.email !== undefined) {
    if (args.email === null || args.email.trim() === '') changes.email = null
    else {
      const r = validateEmail(args.email)
      if (r.ok) changes.email = r.value
      else invalid.push({ field: 'email', messageKey: r.messageKey })
    }
  }
  if (args.phone !== undefined) {
    if (args.phone === null || args.phone.trim() === '') changes.phone = null
    else {
      const r = normalizePhone(args.phone)
      if (r.ok) changes.phone = r.value
      else invalid.push({ field: 'phone', messageKey: r.messageKey })
    }
  }
  if (invalid.length > 0) return rejected('validation', { fields: invalid })
  return mergeFields(state, ctx, changes)
}

export function decideSetLanguage(
  state: SyncStateView,
  args: SetLanguageIntent,
  ctx: DecideContext,
): Decision {
  return mergeFields(state, ctx, { preferred_language: args.language })
}
