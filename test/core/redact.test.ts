import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeLegacyPersonalCode } from '../../src/core/personal-code'
import { PERSONAL_CODE_MASK, REDACTED, redact, redactForLog, redactText } from '../../src/core/redact'

const legacyCode = fc
  .record({
    date: fc.date({ min: new Date('1900-01-01'), max: new Date('2016-12-31'), noInvalidDate: true }),
    serial: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ date, serial }) => makeLegacyPersonalCode(date.toISOString().slice(0, 10), serial))
  .filter((c): c is string => c !== null)
const newCode = fc.stringMatching(/^3[2-9]\d{9}$/)
const anyCode = fc.oneof(
  legacyCode,
  newCode,
  legacyCode.map((c) => c.replace('-', '')),
)
/** Text around a code that does not itself run into more digits. */
const filler = fc.string({ maxLength: 30 }).map((s) => s.replace(/\d+$|^\d+/g, ''))

describe('redactText', () => {
  it('never lets a personal code through, whatever surrounds it', () => {
    fc.assert(
      fc.property(filler, anyCode, filler, (before, code, after) => {
        const out = redactText(`${before}${code}${after}`)
        expect(out).not.toContain(code)
        expect(out).not.toContain(code.replace('-', ''))
        expect(out).toContain(PERSONAL_CODE_MASK)
      }),
    )
  })

  it('leaves longer digit runs (IBANs, meter serials) and ordinary numbers alone', () => {
    expect(
      redactText('IBAN LV80BANK0000435195001, meter 123456789012, invoice GD-2026-000123, 1 234,56 €'),
    ).toBe('IBAN LV80BANK0000435195001, meter 123456789012, invoice GD-2026-000123, 1 234,56 €')
  })

  it('hides bearer tokens and token-like parameters', () => {
    const text =
      'GET /api/events?token=abcDEF123_-&session=tab-1 Authorization: Bearer s3cr3t.token ' +
      'http://127.0.0.1:5199/#token=Zm9vYmFy enrolmentSecret=XYZ password=hunter2'
    const out = redactText(text)
    for (const secret of ['abcDEF123_-', 's3cr3t.token', 'Zm9vYmFy', 'XYZ', 'hunter2']) {
      expect(out).not.toContain(secret)
    }
    expect(out).toContain(`Bearer ${REDACTED}`)
    expect(out).toContain('session=tab-1')
  })
})

describe('redact', () => {
  it('masks secret keys at any depth and scans every string', () => {
    const value = {
      agent: { username: 'liga', password: 'liga-demo' },
      sync: { token: 'tok-1', enrolmentSecret: 'enrol-2', endpoint: 'https://central.example' },
      headers: { Authorization: 'Bearer abc', 'x-gasdesk-session': 'tab-1' },
      customer: { name: 'Anna Bērziņa', personalCode: '010190-12345', note: 'called about 32123456789' },
      list: ['010190-12345', 42, null],
    }
    const out = redact(value) as typeof value
    expect(out.agent).toEqual({ username: 'liga', password: REDACTED })
    expect(out.sync).toEqual({
      token: REDACTED,
      enrolmentSecret: REDACTED,
      endpoint: 'https://central.example',
    })
    expect(out.headers.Authorization).toBe(REDACTED)
    expect(out.customer).toEqual({
      name: 'Anna Bērziņa',
      personalCode: REDACTED,
      note: `called about ${PERSONAL_CODE_MASK}`,
    })
    expect(out.list).toEqual([PERSONAL_CODE_MASK, 42, null])
    // The original is not touched.
    expect(value.agent.password).toBe('liga-demo')
  })

  it('turns errors into redacted text, stack and causes included, and survives cycles', () => {
    const cause = new Error('lookup for 010190-12345 failed')
    const e = Object.assign(new Error('sign-in for token=abc failed', { cause }), { password: 'p' })
    const cyclic: Record<string, unknown> = { e }
    cyclic.self = cyclic
    const text = redactForLog(cyclic)
    expect(text).not.toContain('010190-12345')
    expect(text).not.toContain('token=abc')
    expect(text).toContain('[circular]')
    const line = redactForLog(e)
    expect(line).toContain('sign-in for token=[redacted] failed')
    expect(line).toContain('at ')
  })
})
