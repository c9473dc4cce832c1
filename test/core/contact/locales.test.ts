import { describe, expect, it } from 'vitest'
import lv from '../../../locales/lv.json'
import en from '../../../locales/en.json'
import ru from '../../../locales/ru.json'
import {
  ADDRESS_REASONS,
  COMPANY_NAME_REASONS,
  EMAIL_REASONS,
  NAME_REASONS,
  PHONE_REASONS,
  REGISTRATION_NUMBER_REASONS,
  VAT_NUMBER_REASONS,
} from '../../../src/core/contact'
import { PERSONAL_CODE_REASONS } from '../../../src/core/personal-code'
import { BILLING_ERROR_REASONS, IBAN_REASONS } from '../../../src/core/billing'

const FIELDS: Record<string, readonly string[]> = {
  personalCode: PERSONAL_CODE_REASONS,
  email: EMAIL_REASONS,
  phone: PHONE_REASONS,
  name: NAME_REASONS,
  firstName: NAME_REASONS,
  lastName: NAME_REASONS,
  companyName: COMPANY_NAME_REASONS,
  registrationNumber: REGISTRATION_NUMBER_REASONS,
  vatNumber: VAT_NUMBER_REASONS,
  address: ADDRESS_REASONS,
  iban: IBAN_REASONS,
}

describe('validation messages', () => {
  it.each(Object.entries({ lv, en, ru }))(
    '%s has a non-empty message for every reason and no extra ones',
    (_, file) => {
      const validation = (file as { validation: Record<string, Record<string, string>> }).validation
      expect(Object.keys(validation).sort()).toEqual(Object.keys(FIELDS).sort())
      for (const [field, reasons] of Object.entries(FIELDS)) {
        expect(Object.keys(validation[field]).sort()).toEqual([...reasons].sort())
        for (const r of reasons) expect(validation[field][r].trim()).not.toBe('')
      }
    },
  )
})

describe('billing error messages', () => {
  it.each(Object.entries({ lv, en, ru }))('%s has a message for every billing error reason', (_, file) => {
    const errors = (file as { billing: { error: Record<string, string> } }).billing.error
    expect(Object.keys(errors).sort()).toEqual([...BILLING_ERROR_REASONS].sort())
  })
})
