import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const FIXTURES = '/work/shared/fixtures/signatures'
export const fixture = (rel: string): Buffer => readFileSync(join(FIXTURES, rel))

/** DER from a PEM file (the first certificate). */
export function pemToDer(pem: string): Buffer {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)
  if (!m) throw new Error('no certificate in PEM')
  return Buffer.from(m[1].replace(/\s+/g, ''), 'base64')
}
