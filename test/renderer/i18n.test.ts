import { describe, expect, it } from 'vitest'
import { createGasDeskI18n } from '../../src/renderer/i18n'

describe('vue-i18n set up with Latvian and Russian plural rules', () => {
  const i18n = createGasDeskI18n('lv')
  const t = (lang: 'lv' | 'en' | 'ru', key: string, n: number): string => {
    i18n.global.locale.value = lang
    return i18n.global.t(key, n)
  }

  it('Latvian: zero, ends-in-one (not eleven), other', () => {
    expect(t('lv', 'status.pending', 0)).toBe('Nav neiesūtītu izmaiņu')
    expect(t('lv', 'status.pending', 1)).toBe('1 neiesūtīta izmaiņa')
    expect(t('lv', 'status.pending', 21)).toBe('21 neiesūtīta izmaiņa')
    expect(t('lv', 'status.pending', 11)).toBe('11 neiesūtītas izmaiņas')
    expect(t('lv', 'status.pending', 5)).toBe('5 neiesūtītas izmaiņas')
    expect(t('lv', 'age.minutes', 21)).toBe('pirms 21 minūtes')
    expect(t('lv', 'age.minutes', 12)).toBe('pirms 12 minūtēm')
  })

  it('Russian: one, few, many', () => {
    expect(t('ru', 'status.conflicts', 1)).toBe('1 конфликт')
    expect(t('ru', 'status.conflicts', 3)).toBe('3 конфликта')
    expect(t('ru', 'status.conflicts', 5)).toBe('5 конфликтов')
    expect(t('ru', 'status.conflicts', 12)).toBe('12 конфликтов')
    expect(t('ru', 'status.conflicts', 22)).toBe('22 конфликта')
    expect(t('ru', 'status.pending', 0)).toBe('0 неотправленных изменений')
    expect(t('ru', 'age.days', 101)).toBe('101 день назад')
  })

  it('English: one and other', () => {
    expect(t('en', 'status.conflicts', 1)).toBe('1 conflict')
    expect(t('en', 'status.conflicts', 2)).toBe('2 conflicts')
    expect(t('en', 'status.pending', 0)).toBe('No unsent changes')
  })

  it('interpolates error details and falls back to Latvian', () => {
    i18n.global.locale.value = 'en'
    expect(i18n.global.t('errors.RATE_LIMITED', { retryAfterSeconds: 45 })).toBe(
      'Too many failed attempts. Try again in 45 s.',
    )
    expect(i18n.global.fallbackLocale.value).toBe('lv')
  })

  it('formats dates in Riga time through d()', () => {
    // ICU builds differ on the Latvian trailing dot, which is why the UI prints dates with core/format
    // (pinned to 26.11.2026. in test/core/format.test.ts); d() must still use Riga's calendar day.
    i18n.global.locale.value = 'lv'
    expect(i18n.global.d(new Date('2026-11-26T22:30:00Z'), 'date')).toMatch(/^27\.11\.2026\.?$/)
  })
})
