import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { validateEmail } from '../../../src/core/contact'

describe('validateEmail', () => {
  it.each([
    ['janis.berzins@example.lv', 'janis.berzins@example.lv'],
    ['  Janis.Berzins@Example.LV ', 'Janis.Berzins@example.lv'],
    ['a+tag@sub.example.co.uk', 'a+tag@sub.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['info@bērziņš.lv', 'info@bērziņš.lv'],
    ['pasts@пример.рф', 'pasts@пример.рф'],
    ['x@example.lv.', 'x@example.lv'],
  ])('accepts %j', (input, value) => {
    expect(validateEmail(input)).toEqual({ ok: true, value })
  })

  it.each([
    ['', 'empty'],
    ['janis berzins@example.lv', 'whitespace'],
    ['janis.example.lv', 'format'],
    ['@example.lv', 'format'],
    ['janis@', 'format'],
    ['a@b@example.lv', 'format'],
    ['janis@localhost', 'format'],
    ['.janis@example.lv', 'local-dots'],
    ['jan..is@example.lv', 'local-dots'],
    ['janis.@example.lv', 'local-dots'],
    ['jānis@example.lv', 'local-characters'],
    ['"janis"@example.lv', 'local-characters'],
    ['janis@-example.lv', 'domain-label'],
    ['janis@exa_mple.lv', 'domain-label'],
    ['janis@example..lv', 'domain-label'],
    ['janis@example.l', 'domain-tld'],
    ['janis@example.123', 'domain-tld'],
    ['janis@[10.0.0.1]', 'domain-label'],
    [`${'a'.repeat(65)}@example.lv`, 'local-too-long'],
    [`a@${'b'.repeat(64)}.lv`, 'domain-label'],
    [`a@${Array(64).fill('abc').join('.')}.lv`, 'domain-too-long'],
    [`${'a'.repeat(64)}@${Array(47).fill('abcd').join('.')}.lv`, 'too-long'],
  ])('rejects %j with %s', (input, reason) => {
    expect(validateEmail(input)).toMatchObject({
      ok: false,
      reason,
      messageKey: `validation.email.${reason}`,
    })
  })

  it('normalisation is idempotent and accepted addresses have one @ and no spaces', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 40 })), (input) => {
        const r = validateEmail(input)
        if (!r.ok) return
        expect(r.value.split('@')).toHaveLength(2)
        expect(r.value).not.toMatch(/\s/)
        expect(validateEmail(r.value)).toEqual(r)
      }),
    )
  })
})
