import { z } from 'zod'
import { ANY_AGENT, method } from '../define'
import { languageSchema } from '../common'
import { GAS_ZONES } from '../../core/reference/zones'

/*
 * Customers (issue 3): search, the one-screen view, create and change, portal login, portal users and
 * rights, subject-access export. Free-text fields are validated by the src/core validators in the
 * backend (so the messages are the same everywhere); the schemas here only bound sizes and shapes.
 */
const id = z.string().min(1).max(64)
const text = (max: number) => z.string().max(max)
const optionalText = (max: number) => z.string().max(max).nullish()

export const consentChannels = ['email', 'sms', 'phone', 'post'] as const
/** How the customer gave a consent the agent records (DOMAIN.md: consents are recorded with their source). */
export const consentVia = ['visit', 'phone', 'email', 'letter'] as const
/** An agent's consent choice can be taken back this long after it was recorded (the undo). */
export const CONSENT_UNDO_MS = 5 * 60_000
export const gasZones = GAS_ZONES
const reason = z.string().trim().min(3).max(500)
export const portalRights = [
  'view_invoices',
  'pay',
  'submit_readings',
  'send_messages',
  'manage_users',
] as const
export const CONSENT_WORDING_VERSION = 'marketing-2024-09'

const searchHit = z.object({
  id: z.string(),
  customerNumber: z.string(),
  kind: z.enum(['person', 'business']),
  name: z.string(),
  /** Masked personal code or the registration number. */
  code: z.string().nullable(),
  address: z.string().nullable(),
  subscriberNumbers: z.array(z.string()),
  exact: z.boolean(),
  /** Set when the query was an invoice or statement number of this customer. */
  document: z.object({ kind: z.enum(['invoice', 'statement']), number: z.string() }).nullable(),
})
export type CustomerSearchHit = z.infer<typeof searchHit>

export const addressInputSchema = z
  .object({
    street: optionalText(120),
    house: text(120),
    apartment: optionalText(20),
    town: optionalText(120),
    parish: optionalText(120),
    municipality: optionalText(120),
    postalCode: text(20),
  })
  .strict()
export type AddressInputShape = z.infer<typeof addressInputSchema>

const meterInput = z
  .object({
    meteringPointId: text(20),
    serial: text(40),
    model: optionalText(40),
    digits: z.number().int().min(4).max(9),
    maxFlowM3h: z.number().positive().max(1000),
    /** The register at installation (whole m³): the first reading consumption is measured from. */
    installationReading: z.number().int().min(0).max(999_999_999).nullish(),
  })
  .strict()

const premiseInput = z
  .object({
    address: addressInputSchema,
    billingType: z.enum(['invoice', 'balanced']),
    monthlyInstalmentCents: z.number().int().min(0).max(10_000_000).nullish(),
    /** Gas zone; when left out, suggested from the postal code. */
    zone: z.enum(gasZones).nullish(),
    meter: meterInput,
  })
  .strict()

export const customerDraftSchema = z
  .object({
    kind: z.enum(['person', 'business']),
    firstName: optionalText(200),
    lastName: optionalText(200),
    companyName: optionalText(300),
    personalCode: optionalText(40),
    registrationNo: optionalText(40),
    vatNo: optionalText(40),
    email: optionalText(300),
    phone: optionalText(60),
    language: languageSchema,
    address: addressInputSchema,
    premises: z.array(premiseInput).min(1).max(20),
    /** Consents the customer gives while being registered, each with how it was given. */
    consents: z
      .array(z.object({ channel: z.enum(consentChannels), via: z.enum(consentVia) }).strict())
      .max(consentChannels.length)
      .optional(),
  })
  .strict()
export type CustomerDraft = z.infer<typeof customerDraftSchema>

const duplicate = z.object({
  id: z.string(),
  customerNumber: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  reason: z.enum(['personal_code', 'registration_no', 'name_address']),
})
export type CustomerDuplicate = z.infer<typeof duplicate>

const consentState = z.object({
  /** The history row (null when nothing was ever chosen for the channel). */
  id: z.string().nullable(),
  channel: z.enum(consentChannels),
  granted: z.boolean(),
  at: z.string().nullable(),
  source: z.enum(['portal', 'agent']).nullable(),
  via: z.enum([...consentVia, 'portal']).nullable(),
  agentName: z.string().nullable(),
  wordingVersion: z.string().nullable(),
  /** This row takes back the choice with that id (an undo). */
  undoesId: z.string().nullable(),
  /** Until when the signed-in agent may still undo this choice (their own, the latest, not an undo). */
  undoUntil: z.string().nullable(),
})
export type ConsentState = z.infer<typeof consentState>

const meterView = z.object({
  id: z.string(),
  meteringPointId: z.string(),
  serial: z.string(),
  model: z.string(),
  digits: z.number().int(),
  maxFlowM3h: z.number(),
  lastReading: z
    .object({ value: z.number().int(), date: z.string(), status: z.string(), source: z.string() })
    .nullable(),
})

const premiseView = z.object({
  id: z.string(),
  subscriberNumber: z.string(),
  contractNumber: z.string().nullable(),
  address: z.string(),
  billingType: z.enum(['invoice', 'balanced']),
  monthlyInstalmentCents: z.number().int().nullable(),
  supplyFrom: z.string(),
  supplyTo: z.string().nullable(),
  meters: z.array(meterView),
})

const portalRightView = z.object({
  premiseId: z.string(),
  right: z.enum(portalRights),
  status: z.enum(['requested', 'granted', 'revoked']),
})

const portalUserView = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  status: z.enum(['requested', 'invited', 'active', 'revoked']),
  rights: z.array(portalRightView),
})

export const portalStatuses = ['none', 'invited', 'active', 'must_change_password', 'locked'] as const
const portalView = z.object({
  status: z.enum(portalStatuses),
  email: z.string().nullable(),
  mustChangePassword: z.boolean(),
  mustConfirmContacts: z.boolean(),
  hasPassword: z.boolean(),
  users: z.array(portalUserView),
})

const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  agentName: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  /** What the row is about as the agent knows it (invoice number, file name, meter serial). */
  subject: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
})
export type CustomerAuditEntry = z.infer<typeof auditEntry>

export const customerViewSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  customerNumber: z.string(),
  kind: z.enum(['person', 'business']),
  name: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  maskedPersonalCode: z.string().nullable(),
  registrationNo: z.string().nullable(),
  vatNo: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: languageSchema,
  address: z.string().nullable(),
  consents: z.array(consentState),
  premises: z.array(premiseView),
  portal: portalView,
  balanceCents: z.number().int().nullable(),
  invoices: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      issueDate: z.string(),
      totalCents: z.number().int(),
      status: z.string(),
    }),
  ),
  messagesCount: z.number().int(),
  documentsCount: z.number().int(),
})
export type CustomerView = z.infer<typeof customerViewSchema>

const customerRef = z.object({ customerId: id }).strict()
const temporaryPassword = z.object({ temporaryPassword: z.string(), email: z.string() })
const rightsInput = z.array(z.object({ premiseId: id, right: z.enum(portalRights) }).strict()).max(200)

export const customerMethods = {
  /**
   * Any text is accepted (long pastes are cut, never refused): search never fails on input. Whole personal
   * codes that keep matching nobody are refused for a while (RATE_LIMITED, see search-guard.ts).
   */
  'customers.search': method({
    access: ANY_AGENT,
    input: z
      .object({ query: z.string().max(1_000_000), limit: z.number().int().min(1).max(50).optional() })
      .strict(),
    output: z.object({ hits: z.array(searchHit), tooShort: z.boolean(), more: z.boolean() }),
  }),
  'customers.get': method({ access: ANY_AGENT, input: customerRef, output: customerViewSchema }),
  'customers.revealPersonalCode': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, reason: z.string().trim().min(3).max(500) }).strict(),
    output: z.object({ personalCode: z.string() }),
  }),
  /** Audited with its reason (a duplicate check confirms whether a personal code is on file). */
  'customers.findDuplicates': method({
    access: ANY_AGENT,
    input: z.object({ draft: customerDraftSchema, reason }).strict(),
    output: z.object({ duplicates: z.array(duplicate) }),
  }),
  /** Fails with CONFLICT (details.duplicates) unless `ignoreDuplicates` after the agent has seen them. */
  'customers.create': method({
    access: ANY_AGENT,
    input: z.object({ draft: customerDraftSchema, ignoreDuplicates: z.boolean().optional() }).strict(),
    output: z.object({ customerId: z.string(), customerNumber: z.string() }),
  }),
  'customers.updateContacts': method({
    access: ANY_AGENT,
    input: z
      .object({
        customerId: id,
        baseVersion: z.number().int(),
        email: optionalText(300),
        phone: optionalText(60),
      })
      .strict(),
    output: customerViewSchema,
  }),
  'customers.setLanguage': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, baseVersion: z.number().int(), language: languageSchema }).strict(),
    output: customerViewSchema,
  }),
  /** A legal consent: the agent has asked how the customer gave it (`via`) and confirmed. */
  'customers.setConsent': method({
    access: ANY_AGENT,
    input: z
      .object({
        customerId: id,
        channel: z.enum(consentChannels),
        granted: z.boolean(),
        via: z.enum(consentVia),
      })
      .strict(),
    output: customerViewSchema,
  }),
  /** Takes back the agent's own consent choice within CONSENT_UNDO_MS; the undo is itself recorded. */
  'customers.undoConsent': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, consentId: id }).strict(),
    output: customerViewSchema,
  }),
  'customers.consentHistory': method({
    access: ANY_AGENT,
    input: customerRef,
    output: z.object({ entries: z.array(consentState) }),
  }),
  'customers.audit': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.object({ entries: z.array(auditEntry) }),
  }),
  'customers.portal.create': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, email: text(300) }).strict(),
    output: temporaryPassword,
  }),
  'customers.portal.resetPassword': method({
    access: ANY_AGENT,
    input: customerRef,
    output: temporaryPassword,
  }),
  'customers.portal.lock': method({ access: ANY_AGENT, input: customerRef, output: customerViewSchema }),
  'customers.portal.unlock': method({ access: ANY_AGENT, input: customerRef, output: customerViewSchema }),
  /** The password is checked against the stored hash, so only the one just issued can be printed. */
  'customers.portal.welcomeLetter': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, temporaryPassword: z.string().min(1).max(100) }).strict(),
    output: z.object({ filename: z.string(), pdfBase64: z.string() }),
  }),
  'customers.users.add': method({
    access: ANY_AGENT,
    input: z
      .object({
        customerId: id,
        email: text(300),
        firstName: text(200),
        lastName: text(200),
        rights: rightsInput,
      })
      .strict(),
    output: customerViewSchema,
  }),
  /** Replaces the user's rights: rights left out are revoked at once, new ones are requested. */
  'customers.users.setRights': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, userId: id, rights: rightsInput }).strict(),
    output: customerViewSchema,
  }),
  'customers.users.revoke': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, userId: id }).strict(),
    output: customerViewSchema,
  }),
  /** Subject-access export: full data, so it needs a reason and is audited with it. */
  'customers.export': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, reason }).strict(),
    output: z.object({ filename: z.string(), json: z.string(), html: z.string() }),
  }),
} as const
