/**
 * Every id a signature check (or a document-level finding) can have, in SIGNATURES.md order. Each one has
 * a label under `documents.review.check.<id>` in LV, EN and RU (a test fails on a missing one).
 */
export const CHECK_IDS = [
  'container',
  'structure',
  'byte-range',
  'references',
  'signed-properties',
  'signed-data',
  'content-type',
  'signature-value',
  'signing-certificate',
  'timestamp',
  'timestamp-order',
  'revocation',
  'certificate-validity',
  'trust-chain',
  'archive-timestamp',
  'algorithms',
  'changes-after-signing',
  'document-timestamp',
  'pdf-signatures',
  // Reports stored by earlier versions named the trust chain check 'chain' for XAdES.
  'chain',
] as const

export type CheckId = (typeof CHECK_IDS)[number]
