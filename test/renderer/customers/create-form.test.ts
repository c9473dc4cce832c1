import { afterEach, describe, expect, it } from 'vitest'
import lv from '../../../locales/lv.json'
import ru from '../../../locales/ru.json'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/*
 * Issue 10, "Forms": the new-customer form on the real backend. The error under "Uzvārds" named the
 * first name; errors stayed after they were fixed; "Riga" without ā asked for a novads; the meter had no
 * installation reading or zone; consents could not be given at creation.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

const field = (id: string) => desk!.wrapper.find(`#${id}`)
const errorUnder = (id: string) =>
  document.querySelector(`#${id}`)?.closest('.field')?.querySelector('.form-error')?.textContent?.trim() ??
  null
async function submit(): Promise<void> {
  await desk!.wrapper.find('form.create-form').trigger('submit')
  await desk!.settle()
}

async function fill(values: Record<string, string>): Promise<void> {
  for (const [id, v] of Object.entries(values)) await field(id).setValue(v)
}

describe('new customer form', { timeout: 60_000 }, () => {
  it('names the surname under "Uzvārds" and clears each error the moment it is fixed', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers?new=1' })
    await submit()
    expect(errorUnder('n-first')).toBe(lv.validation.firstName.empty)
    expect(errorUnder('n-last')).toBe(lv.validation.lastName.empty)
    expect(errorUnder('n-last')).not.toBe(lv.validation.name.empty)
    // Fixed: gone at once, without another submit (and nothing was sent for it).
    const calls = desk.api.calls.length
    await field('n-last').setValue('Kļaviņa')
    expect(errorUnder('n-last')).toBeNull()
    expect(errorUnder('n-first')).toBe(lv.validation.firstName.empty)
    // Still wrong, differently: the message follows.
    await field('n-code').setValue('120768-1876')
    await submit()
    expect(errorUnder('n-code')).toBe(lv.validation.personalCode.length)
    await field('n-code').setValue('120768-18760')
    expect(errorUnder('n-code')).toBe(lv.validation.personalCode['check-digit'])
    await field('n-code').setValue('120768-18764')
    expect(errorUnder('n-code')).toBeNull()
    expect(desk.api.calls.length).toBeGreaterThan(calls)
  })

  it('takes "Riga" without ā, an installation reading, a zone and consents, and creates the customer', async () => {
    desk = await mountOnBackend({ signInAs: 'olga', language: 'ru', path: '/customers?new=1' })
    await fill({
      'n-first': 'Ольга',
      'n-last': 'Смирнова',
      'n-code': '120768-18764',
      'n-phone': '2612 3456',
      'a-street': 'maskavas iela.',
      'a-house': '39',
      'a-apartment': 'dz. 38',
      'a-town': 'Riga',
      'a-postalCode': 'lv1003',
      'p0-mp': 'A000000777',
      'p0-serial': 'EL-77777',
    })
    // Without the installation reading the form says so, in Russian, under the field.
    await submit()
    expect(errorUnder('p0-reading')).toBe(ru.customers.errors.installationReadingRequired)
    expect(errorUnder('a-municipality')).toBeNull()
    await fill({ 'p0-reading': '1234' })
    expect(errorUnder('p0-reading')).toBeNull()
    // The zone is suggested from the postal code; the agent may pick another.
    expect(document.querySelector('#p0-zone option')?.textContent).toContain(ru.customers.zone.riga)
    await field('p0-zone').setValue('riga')
    // A consent ticked here needs to say how it was given before anything is sent.
    await desk.wrapper.find('[data-testid="n-consent-sms"]').setValue(true)
    const sent = desk.api.calls.length
    await submit()
    expect(desk.api.calls.length).toBe(sent)
    expect(document.querySelector('.consent-set .form-error')?.textContent).toContain(
      ru.customers.consent.viaRequired,
    )
    await field('n-consent-via').setValue('visit')
    await submit()
    const id = desk.router.currentRoute.value.query.id as string
    expect(id).toBeTruthy()
    const created = desk.backend.ctx.db
      .prepare(
        `SELECT c.addr_street, c.addr_apartment, c.addr_city, c.addr_municipality, c.addr_postal_code, p.zone,
           (SELECT value FROM readings r JOIN meters m ON m.id = r.meter_id WHERE m.premise_id = p.id) AS reading,
           (SELECT obtained_via FROM consents WHERE customer_id = c.id AND channel = 'sms') AS via
         FROM customers c JOIN premises p ON p.customer_id = c.id WHERE c.id = ?`,
      )
      .get(id)
    expect(created).toEqual({
      addr_street: 'Maskavas iela',
      addr_apartment: '38',
      addr_city: 'Rīga',
      addr_municipality: null,
      addr_postal_code: 'LV-1003',
      zone: 'riga',
      reading: 1234,
      via: 'visit',
    })
    // The duplicate check before creating was audited with its purpose.
    expect(
      desk.backend.ctx.db
        .prepare(
          "SELECT reason FROM audit_log WHERE action = 'customer.findDuplicates' ORDER BY id DESC LIMIT 1",
        )
        .get(),
    ).toEqual({ reason: ru.customers.create.duplicateCheckReason })
  })
})
