import type { InjectionKey } from 'vue'
import { createI18n } from 'vue-i18n'
import { languages, type Language } from '../../contract'
import { latvianPlural, russianPlural } from '../../core/plural'
import { RIGA } from '../../core/format'
import lv from '../../../locales/lv.json'
import en from '../../../locales/en.json'
import ru from '../../../locales/ru.json'

/** Intl formats for `n()` / `d()` in templates; the pinned strings live in core/format (tested there). */
const dateFormats = {
  date: { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: RIGA },
  dateTime: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: RIGA,
  },
} as const
const numberFormats = {
  money: { style: 'currency', currency: 'EUR' },
  integer: { maximumFractionDigits: 0 },
} as const

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

export function createGasDeskI18n(locale: Language = 'lv') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'lv',
    messages: { lv, en, ru },
    pluralRules: { lv: latvianPlural, ru: russianPlural },
    datetimeFormats: { lv: dateFormats, en: dateFormats, ru: dateFormats },
    numberFormats: { lv: numberFormats, en: numberFormats, ru: numberFormats },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type GasDeskI18n = ReturnType<typeof createGasDeskI18n>

/** Lets stores reach the i18n instance (useI18n only works inside components). */
export const i18nKey: InjectionKey<GasDeskI18n> = Symbol('gasdesk.i18n')
