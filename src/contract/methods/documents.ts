import { z } from 'zod'
import { ANY_AGENT, SUPERVISOR, method } from '../define'
import type { DocumentReport } from '../../core/signatures/result'

/**
 * Signed-document review (issue 6): add a file to a customer, see the validation report, decide.
 * The report mirrors src/core/signatures/result.ts (a compile-time check below keeps them equal).
 */

/** Largest file the desk takes: its base64 (4/3) plus the JSON envelope fits the browser shell's 12 MB body. */
export const MAX_DOCUMENT_UPLOAD_BYTES = 8 * 1024 * 1024
const MAX_BASE64_CHARS = Math.ceil(MAX_DOCUMENT_UPLOAD_BYTES / 3) * 4

export const documentStatuses = [
  'VALID',
  'VALID_WITH_WARNINGS',
  'INDETERMINATE',
  'INVALID',
  'UNSUPPORTED',
  'FORMAT_ERROR',
] as const
export const decisions = ['accepted', 'rejected'] as const

const params = z.record(z.string(), z.union([z.string(), z.number()]))
const checkSchema = z.object({
  id: z.string(),
  outcome: z.enum(['pass', 'fail', 'warning', 'not_checked']),
  reasonKey: z.string(),
  params: params.optional(),
})
const signatureSchema = z.object({
  id: z.string(),
  format: z.enum(['XAdES', 'CAdES', 'PAdES']),
  indication: z.enum(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']),
  subIndication: z
    .enum([
      'FORMAT_FAILURE',
      'HASH_FAILURE',
      'SIG_CRYPTO_FAILURE',
      'REVOKED',
      'EXPIRED',
      'NOT_YET_VALID',
      'NO_SIGNING_CERTIFICATE_FOUND',
      'NO_CERTIFICATE_CHAIN_FOUND',
      'REVOKED_NO_POE',
      'TIMESTAMP_ORDER_FAILURE',
      'SIGNED_DATA_NOT_FOUND',
      'TRY_LATER',
      'CRYPTO_CONSTRAINTS_FAILURE',
      'CHAIN_CONSTRAINTS_FAILURE',
      'SIG_CONSTRAINTS_FAILURE',
      'OUT_OF_BOUNDS_NO_POE',
    ])
    .nullable(),
  level: z.enum(['B', 'T', 'LT', 'LTA']).nullable(),
  signer: z.object({
    name: z.string().nullable(),
    personalCode: z.string().nullable(),
    certificateSerial: z.string().nullable(),
    issuer: z.string().nullable(),
    qualified: z.boolean().nullable(),
  }),
  claimedSigningTime: z.string().nullable(),
  timestampTime: z.string().nullable(),
  algorithms: z.object({
    digest: z.string().nullable(),
    signature: z.string().nullable(),
    canonicalization: z.string().nullable(),
  }),
  checks: z.array(checkSchema),
})
export const documentReportSchema = z.object({
  status: z.enum(documentStatuses),
  container: z.string(),
  signatures: z.array(signatureSchema),
  files: z.array(z.object({ name: z.string(), size: z.number(), mediaType: z.string().nullable() })),
  errorKey: z.string().nullable(),
  validationTime: z.string(),
  warnings: z.array(checkSchema),
})
// Both directions: the schema accepts every core report and produces nothing else.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const reportsAgree: Same<z.infer<typeof documentReportSchema>, DocumentReport> = true
void reportsAgree

export const documentSummarySchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerNumber: z.string(),
  customerName: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  receivedAt: z.string(),
  status: z.enum(documentStatuses).nullable(),
  /** Why the whole document could not be judged (report.errorKey), e.g. `pdf_no_signature`. */
  errorKey: z.string().nullable(),
  container: z.string().nullable(),
  signers: z.array(z.string()),
  validatedAt: z.string().nullable(),
  /** The report was made with the test PKI trusted (shown next to the verdict). */
  testPki: z.boolean(),
  decision: z.enum(['accepted', 'rejected', 'needs_info']).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  version: z.number().int(),
})
export type DocumentSummary = z.infer<typeof documentSummarySchema>

export const documentDetailSchema = documentSummarySchema.extend({ report: documentReportSchema.nullable() })
export type DocumentDetail = z.infer<typeof documentDetailSchema>

export const trustStateSchema = z.object({
  trustTestPki: z.boolean(),
  testAnchors: z.number().int(),
  lists: z.array(
    z.object({
      territory: z.string(),
      used: z.boolean(),
      reasonKey: z.string(),
      issued: z.string().nullable(),
      nextUpdate: z.string().nullable(),
      services: z.number().int(),
    }),
  ),
})
export type TrustState = z.infer<typeof trustStateSchema>

export const documentAuditRowSchema = z.object({
  at: z.string(),
  action: z.string(),
  agentName: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
})
export type DocumentAuditRow = z.infer<typeof documentAuditRowSchema>

const id = z.string().trim().min(1).max(64)
const docRef = z.object({ id }).strict()
/**
 * Base64 alphabet with at most two '=' at the very end. Checked as "no character outside the alphabet"
 * plus a look at the padding: for an 8 MB upload that is a tenth of the time of the equivalent anchored
 * pattern, which ran on the backend thread for hundreds of milliseconds.
 */
const OUTSIDE_BASE64 = /[^A-Za-z0-9+/=]/
export function isBase64Text(s: string): boolean {
  if (OUTSIDE_BASE64.test(s)) return false
  const pad = s.indexOf('=')
  return pad === -1 || (pad >= s.length - 2 && s.endsWith('='.repeat(s.length - pad)))
}
const base64 = z.string().max(MAX_BASE64_CHARS, 'too-large').refine(isBase64Text, 'base64')

export const documentMethods = {
  /** Documents of one customer (newest first), or all undecided ones when `pending`. */
  'document.list': method({
    access: ANY_AGENT,
    input: z
      .object({
        customerId: id.optional(),
        pending: z.boolean().optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    output: z.object({ items: z.array(documentSummarySchema) }),
  }),
  /** One document with its report; viewing is audited. */
  'document.get': method({ access: ANY_AGENT, input: docRef, output: documentDetailSchema }),
  /** A file from a USB stick (later: a message attachment), validated at once. A mutation. */
  'document.add': method({
    access: ANY_AGENT,
    input: z
      .object({
        customerId: id,
        fileName: z.string().trim().min(1).max(255),
        mediaType: z.string().trim().max(200).optional(),
        contentBase64: base64,
      })
      .strict(),
    output: documentDetailSchema,
  }),
  /** Accept or reject with a reason; the first final decision wins (a different second one: CONFLICT). */
  'document.decide': method({
    access: ANY_AGENT,
    input: z.object({ id, decision: z.enum(decisions), reason: z.string().trim().min(1).max(1000) }).strict(),
    output: documentDetailSchema,
  }),
  /** Validate again now (new evidence, refreshed lists). */
  'document.revalidate': method({ access: ANY_AGENT, input: docRef, output: documentDetailSchema }),
  /** Re-validate every undecided INDETERMINATE document. */
  'document.revalidatePending': method({
    access: ANY_AGENT,
    input: z.object({}).strict(),
    output: z.object({ checked: z.number().int(), changed: z.number().int() }),
  }),
  /** A file inside the document (by the name in report.files), or the document itself without `name`. */
  'document.file': method({
    access: ANY_AGENT,
    input: z.object({ id, name: z.string().min(1).max(1024).optional() }).strict(),
    output: z.object({
      name: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      /** Only PDF and images are shown in the sandboxed preview; everything else can only be saved. */
      previewable: z.boolean(),
      contentBase64: z.string(),
    }),
  }),
  'document.audit': method({ access: ANY_AGENT, input: docRef, output: z.array(documentAuditRowSchema) }),
  'document.trust': method({ access: ANY_AGENT, input: z.object({}).strict(), output: trustStateSchema }),
  /** Workstation setting: trust the test PKI (resources/trust/test-pki). Supervisor only. */
  'document.setTrustTestPki': method({
    access: SUPERVISOR,
    input: z.object({ trustTestPki: z.boolean() }).strict(),
    output: trustStateSchema,
  }),
} as const
