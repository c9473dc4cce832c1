import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { useLanguageStore } from '../../src/renderer/stores/language'
import { formatProblems } from '../e2e/support/layout'
import { mountOnBackend, type DeskOnBackend } from './real-backend'

/**
 * The screens on the real backend, scanned as text in Latvian and Russian (issue 10): no ISO date or
 * timestamp, no decimal point, no double stop after a date, no amount glued to a bracket — for a customer
 * whose meter has a fractional maximum flow, a signed document's checks and sizes, and the reading entry
 * between windows (its findings carry `nextOpens` and a ratio from the backend).
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

const SIGNED = '/work/shared/fixtures/signatures/edoc/SampleFile.edoc'
const body = () => document.body.textContent ?? ''

async function inBothLanguages(d: DeskOnBackend, show: () => Promise<void>): Promise<string[]> {
  const problems: string[] = []
  for (const lang of ['lv', 'ru'] as const) {
    await useLanguageStore(d.pinia).choose(lang)
    await show()
    await d.settle()
    problems.push(...formatProblems(body(), lang).map((p) => `${lang}: ${p}`))
  }
  return problems
}

describe('rendered screens use the language forms', () => {
  it('the customer view: a fractional maximum flow, billing, the audit trail', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const created = await desk.api.call('customers.create', {
      draft: {
        kind: 'person',
        firstName: 'Inese',
        lastName: 'Pūce',
        personalCode: '161175-19997',
        email: 'inese.puce@example.lv',
        phone: '2612 3456',
        language: 'lv',
        address: {
          street: 'Brīvības iela',
          house: '12',
          apartment: '5',
          town: 'Rīga',
          postalCode: 'LV-1010',
        },
        premises: [
          {
            address: {
              street: 'Brīvības iela',
              house: '12',
              apartment: '5',
              town: 'Rīga',
              postalCode: '1010',
            },
            billingType: 'invoice',
            monthlyInstalmentCents: null,
            meter: {
              meteringPointId: 'A009876543',
              serial: 'EL-555123',
              digits: 5,
              maxFlowM3h: 2.5,
              installationReading: 0,
            },
          },
        ],
      },
    })
    const problems = await inBothLanguages(desk, async () => {
      await desk!.router.push({ name: 'home' })
      await desk!.router.push({ name: 'customers', query: { id: created.customerId } })
    })
    expect(body()).toContain('2,5 м³/ч') // Russian was shown last
    expect(problems).toEqual([])
  }, 60_000)

  it('a signed document: file sizes and the time of every check', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const customerId = desk.backend.ctx.db.prepare('SELECT id FROM customers LIMIT 1').pluck().get() as string
    const doc = await desk.api.call('document.add', {
      customerId,
      fileName: 'līgums.edoc',
      contentBase64: readFileSync(SIGNED).toString('base64'),
    })
    const problems = await inBothLanguages(desk, async () => {
      await desk!.router.push({ name: 'home' })
      await desk!.router.push({ name: 'documents', query: { customer: customerId, doc: doc.id } })
    })
    expect(body()).toMatch(/27,3\s*kB/)
    // The check texts' own times (OCSP, timestamps) are there, in the date-time form.
    expect(body()).toMatch(/\d{2}\.\d{2}\.20\d{2} \d{2}:\d{2}/)
    expect(problems).toEqual([])
  }, 60_000)

  it('a reading between windows: the next window’s date and the ratio in the findings', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', now: Date.parse('2026-12-10T09:00:00Z') })
    const m = desk.backend.ctx.db
      .prepare(
        `SELECT m.metering_point_id AS mp,
           (SELECT value FROM readings r WHERE r.meter_id = m.id ORDER BY reading_date DESC LIMIT 1) AS last
         FROM meters m LIMIT 1`,
      )
      .get() as { mp: string; last: number }
    const problems = await inBothLanguages(desk, async () => {
      await desk!.router.push({ name: 'home' })
      await desk!.router.push({ name: 'readings' })
      await desk!.settle()
      const box = document.querySelector<HTMLInputElement>('#single-identifier')!
      box.value = m.mp
      box.dispatchEvent(new Event('input'))
      box.closest('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
      await desk!.settle()
      const value = document.querySelector<HTMLInputElement>('#single-value')!
      value.value = String(m.last + 900)
      value.dispatchEvent(new Event('input'))
      await new Promise((r) => setTimeout(r, 300)) // the entry validates 200 ms after the last keystroke
      await desk!.settle()
    })
    expect(document.querySelector('.rd-findings')).not.toBeNull()
    expect(body()).toContain('27.12.2026') // the next window, in the date form
    expect(problems).toEqual([])
  }, 60_000)
})
