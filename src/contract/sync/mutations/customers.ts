import { z } from 'zod'
import { defineMutation } from './define'

const id = z.string().min(1).max(80)
const text = (max: number) => z.string().max(max)
const nullableText = (max: number) => z.string().max(max).nullable()

/** An address after the core validators (src/core/contact/address). */
const address = z
  .object({
    street: nullableText(120),
    house: text(120),
    apartment: nullableText(20),
    town: nullableText(120),
    parish: nullableText(120),
    municipality: nullableText(120),
    postalCode: text(20),
  })
  .strict()

const premise = z
  .object({
    address,
    billingType: z.enum(['invoice', 'balanced']),
    monthlyInstalmentCents: z.number().int().min(0).max(10_000_000).nullable(),
    meter: z
      .object({
        meteringPointId: text(20),
        serial: text(40),
        model: text(40),
        digits: z.number().int().min(4).max(9),
        maxFlowM3h: z.number().positive().max(1000),
      })
      .strict(),
  })
  .strict()

/** The normalised draft the desk validated (the central validates it again with the same core rules). */
export const normalisedDraftSchema = z
  .object({
    kind: z.enum(['person', 'business']),
    firstName: nullableText(200),
    lastName: nullableText(200),
    companyName: nullableText(300),
    personalCode: nullableText(40),
    registrationNo: nullableText(40),
    vatNo: nullableText(40),
    email: nullableText(300),
    phone: nullableText(60),
    language: z.enum(['lv', 'en', 'ru']),
    address,
    premises: z.array(premise).min(1).max(20),
  })
  .strict()
export type NormalisedDraftArgs = z.infer<typeof normalisedDraftSchema>

const createV1 = z.object({ id, draft: normalisedDraftSchema }).strict()
/**
 * v2: the ids of every row the desk made travel too, so the central's rows are the desk's rows. Numbers
 * are the desk's provisional ones (null: the central issues them and says so in the result).
 */
const createV2 = z
  .object({
    id,
    draft: normalisedDraftSchema,
    rows: z
      .array(z.object({ premiseId: id, meterId: id }).strict())
      .min(1)
      .max(20),
    numbers: z
      .object({ customerNumber: text(20), subscriberNumbers: z.array(text(20)).min(1).max(20) })
      .strict()
      .nullable(),
  })
  .strict()
  .refine((a) => a.rows.length === a.draft.premises.length, { message: 'one row id pair per premise' })
  .refine((a) => !a.numbers || a.numbers.subscriberNumbers.length === a.draft.premises.length, {
    message: 'one subscriber number per premise',
  })
export type CustomerCreateArgs = z.infer<typeof createV2>

export const customerCreate = defineMutation({
  name: 'customer.create',
  entityType: 'customer',
  versions: { 1: createV1, 2: createV2 },
  latestSchema: createV2,
  upcast: {
    // v1 never sent the premise and meter ids; deterministic ids keep a replay idempotent.
    1: (a) => {
      const args = a as z.infer<typeof createV1>
      return {
        ...args,
        rows: args.draft.premises.map((_, i) => ({
          premiseId: `${args.id}-p${i + 1}`,
          meterId: `${args.id}-m${i + 1}`,
        })),
        numbers: null,
      }
    },
  },
})

/** Only the fields that changed travel (field-level merge against the base version). */
const contactV1 = z
  .object({
    email: z.string().max(300).nullable().optional(),
    phone: z.string().max(60).nullable().optional(),
  })
  .strict()
  .refine((a) => a.email !== undefined || a.phone !== undefined, { message: 'no field changed' })
export type UpdateContactArgs = z.infer<typeof contactV1>

export const customerUpdateContact = defineMutation({
  name: 'customer.updateContact',
  entityType: 'customer',
  versions: { 1: contactV1 },
  latestSchema: contactV1,
})

const languageV1 = z.object({ language: z.enum(['lv', 'en', 'ru']) }).strict()
export type SetLanguageArgs = z.infer<typeof languageV1>

export const customerSetLanguage = defineMutation({
  name: 'customer.setLanguage',
  entityType: 'customer',
  versions: { 1: languageV1 },
  latestSchema: languageV1,
})

const consentV1 = z
  .object({
    id,
    customerId: id,
    channel: z.enum(['email', 'sms', 'phone', 'post']),
    granted: z.boolean(),
    at: z.string().datetime({ offset: true }),
    wordingVersion: text(60),
  })
  .strict()

/** v2: how the customer gave the choice (`via`: at the desk, by phone, e-mail or letter); null before. */
const consentV2 = consentV1.extend({ via: z.enum(['visit', 'phone', 'email', 'letter']).nullable() }).strict()
export type ConsentArgs = z.infer<typeof consentV2>

// v1 rows were written before the desk asked how a consent was given: nobody knows, so `via` is null.
const consentUpcast = { 1: (a: unknown) => ({ ...(a as z.infer<typeof consentV1>), via: null }) }
const grantV1 = consentV1.refine((a) => a.granted, { message: 'a grant has granted: true' })
const withdrawV1 = consentV1.refine((a) => !a.granted, { message: 'a withdrawal has granted: false' })
const grantV2 = consentV2.refine((a) => a.granted, { message: 'a grant has granted: true' })
const withdrawV2 = consentV2.refine((a) => !a.granted, { message: 'a withdrawal has granted: false' })

export const consentGrant = defineMutation({
  name: 'consent.grant',
  entityType: 'consent',
  versions: { 1: grantV1, 2: grantV2 },
  latestSchema: grantV2,
  upcast: consentUpcast,
})

export const consentWithdraw = defineMutation({
  name: 'consent.withdraw',
  entityType: 'consent',
  versions: { 1: withdrawV1, 2: withdrawV2 },
  latestSchema: withdrawV2,
  upcast: consentUpcast,
})

/** An agent takes back their own choice moments after recording it: a new row restoring the channel's state. */
const undoV1 = z
  .object({
    id,
    customerId: id,
    channel: z.enum(['email', 'sms', 'phone', 'post']),
    granted: z.boolean(),
    undoes: id,
    at: z.string().datetime({ offset: true }),
  })
  .strict()
export type ConsentUndoArgs = z.infer<typeof undoV1>

export const consentUndo = defineMutation({
  name: 'consent.undo',
  entityType: 'consent',
  versions: { 1: undoV1 },
  latestSchema: undoV1,
})
