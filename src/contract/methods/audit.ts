import { z } from 'zod'
import { AUDIT_ACTIONS } from '../../core/audit/actions'
import { SUPERVISOR, method } from '../define'
import { emptyInput, isoDateSchema } from '../common'

/** What the supervisor narrows the log to; every filter is optional and they combine. */
export const auditFiltersSchema = z
  .object({
    agentId: z.string().min(1).max(100).optional(),
    customerId: z.string().min(1).max(100).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    workstation: z.string().min(1).max(200).optional(),
    /** Riga calendar days, both inclusive. */
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .strict()
export type AuditFilters = z.infer<typeof auditFiltersSchema>

/** Keyset position: the last row of a page (newest first by time, then id). Opaque to the renderer. */
export const auditCursorSchema = z.object({ at: z.string().max(40), id: z.number().int() }).strict()
export type AuditCursor = z.infer<typeof auditCursorSchema>

export const auditLogEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  agentName: z.string().nullable(),
  workstation: z.string(),
  action: z.string(),
  entityType: z.string().nullable(),
  customerId: z.string().nullable(),
  customerNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  /** What the row is about as the agent knows it: invoice number, file name, meter serial, user e-mail. */
  subject: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
})
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>

const page = z.object({
  filters: auditFiltersSchema,
  after: auditCursorSchema.nullable().optional(),
  limit: z.number().int().min(1).max(200).optional(),
})

export const auditMethods = {
  /** One page of the whole log, newest first; `next` continues after the last row (null at the end). */
  'audit.list': method({
    access: SUPERVISOR,
    input: page.strict(),
    output: z.object({ entries: z.array(auditLogEntrySchema), next: auditCursorSchema.nullable() }),
  }),
  /** The choices for the filters: agents, workstations seen in the log, actions. */
  'audit.options': method({
    access: SUPERVISOR,
    input: emptyInput,
    output: z.object({
      agents: z.array(z.object({ id: z.string(), name: z.string() })),
      workstations: z.array(z.string()),
      actions: z.array(z.string()),
    }),
  }),
  /**
   * The filtered log as CSV in the agent's language, in slices (the browser shell joins them into one
   * download). The first slice (no `after`) records the export itself in the log, with its filters.
   */
  'audit.export': method({
    access: SUPERVISOR,
    input: page.strict(),
    output: z.object({
      filename: z.string(),
      csv: z.string(),
      rows: z.number().int(),
      next: auditCursorSchema.nullable(),
    }),
  }),
  /** Electron: the system save dialog, then the whole CSV written there and the export recorded. */
  'audit.saveAs': method({
    access: SUPERVISOR,
    input: z.object({ filters: auditFiltersSchema }).strict(),
    output: z.object({ file: z.string().nullable(), rows: z.number().int() }),
  }),
} as const
