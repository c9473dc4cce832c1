/**
 * The validation policy, stated once for every format (SIGNATURES.md steps 8 and 13).
 */
export interface Policy {
  /** OCSP produced more than this after the timestamp is a freshness warning, and a claimed signing time
   * this much after the timestamp is a timestamp-order failure. */
  lateMs: number
  /** From this time a listed TSA must be TSA/QTST (eIDAS). */
  eidasStart: Date
  /** RSA keys below this cannot be relied on; below rsaWarnBits they are a warning. */
  rsaMinBits: number
  rsaWarnBits: number
  ecMinBits: number
}

export const POLICY: Policy = {
  lateMs: 15 * 60 * 1000,
  eidasStart: new Date('2016-07-01T00:00:00Z'),
  rsaMinBits: 1900,
  rsaWarnBits: 2048,
  ecMinBits: 256,
}
