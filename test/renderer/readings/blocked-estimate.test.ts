import { afterEach, describe, expect, it, vi } from 'vitest'
import lv from '../../../locales/lv.json'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/*
 * Issue 10, "Readings": an impossible reading still showed a cost ("≈ 71 337,82 €"), and a reading lower
 * than the last was a dead end. The reading entry on the real backend: a blocked value has no estimate;
 * a plausible one has; a supervisor is offered the correction, an agent is told who can correct.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

interface Meter {
  id: string
  digits: number
  /** The last two actual readings. */
  last: number
  previous: number
}
function meterWithHistory(): Meter {
  return desk!.backend.ctx.db
    .prepare(
      `SELECT id, digits, last, previous FROM (
         SELECT m.id, m.digits,
           (SELECT value FROM readings WHERE meter_id = m.id AND status = 'actual'
              ORDER BY reading_date DESC LIMIT 1) AS last,
           (SELECT value FROM readings WHERE meter_id = m.id AND status = 'actual'
              ORDER BY reading_date DESC LIMIT 1 OFFSET 1) AS previous
         FROM meters m WHERE m.removed_at IS NULL)
       WHERE last - previous >= 30 ORDER BY id LIMIT 1`,
    )
    .get() as Meter
}
async function typeValue(v: number): Promise<void> {
  await desk!.wrapper.find('#single-value').setValue(String(v))
}
const estimate = () => document.querySelector('[data-testid="cost-estimate"]')
const findings = () =>
  [...document.querySelectorAll('.rd-findings li')].map((li) => li.getAttribute('data-code'))

describe('reading entry', { timeout: 60_000 }, () => {
  it('shows no cost estimate beside a blocked value, and one beside a plausible value', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const meter = meterWithHistory()
    await desk.router.push({ name: 'readings', query: { meter: meter.id } })
    await desk.settle()
    await typeValue(meter.last + 40)
    await vi.waitFor(() => expect(estimate()?.textContent).toMatch(/€/u), { timeout: 5000 })
    // Physically impossible (beyond the meter's maximum flow): blocked, and no price for it.
    await typeValue(10 ** meter.digits - 1)
    await vi.waitFor(() => expect(findings()).toContain('exceeds-max-flow'), { timeout: 5000 })
    await desk.settle()
    expect(document.querySelector('[data-code="exceeds-max-flow"]')?.getAttribute('data-severity')).toBe(
      'block',
    )
    expect(estimate()).toBeNull()
  })

  it('a lower reading: the agent is told a supervisor can correct it, the supervisor gets the correction field', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const meter = meterWithHistory()
    await desk.router.push({ name: 'readings', query: { meter: meter.id } })
    await desk.settle()
    // Above the reading before the last, below the last: the last one was misread.
    const value = meter.previous + 10
    await typeValue(value)
    await vi.waitFor(() => expect(findings()).toContain('lower-than-last-actual'), { timeout: 5000 })
    expect(document.querySelector('[data-code="lower-than-last-actual"]')?.textContent).toContain(
      lv.readings.validation.lowerThanLastActual.askSupervisor.slice(0, 40),
    )
    expect(document.querySelector('#single-correction')).toBeNull()
    expect(estimate()).toBeNull()
    await desk.cleanup()

    desk = await mountOnBackend({ signInAs: 'janis' })
    await desk.router.push({ name: 'readings', query: { meter: meter.id } })
    await desk.settle()
    await typeValue(value)
    await vi.waitFor(() => expect(document.querySelector('#single-correction')).not.toBeNull(), {
      timeout: 5000,
    })
    expect(document.querySelector('label[for="single-correction"]')?.textContent).toContain(
      lv.readings.entry.correctionReason,
    )
    await desk.wrapper.find('#single-correction').setValue('Iepriekšējais rādījums nolasīts kļūdaini')
    await vi.waitFor(() => expect(findings()).toContain('correction'), { timeout: 5000 })
    expect(findings()).not.toContain('lower-than-last-actual')
    // Whatever else it warns about (a low month after the correction) is confirmed as usual.
    for (const box of desk.wrapper.findAll('.rd-findings input[type="checkbox"]')) await box.setValue(true)
    await vi.waitFor(() => expect(desk!.api.calls.at(-1)?.method).toBe('reading.validate'), { timeout: 5000 })
    await desk.settle()
    await desk.wrapper.find('form.rd-form').trigger('submit')
    await desk.settle()
    expect(document.querySelector('[data-testid="saved"]')).not.toBeNull()
    expect(
      desk.backend.ctx.db
        .prepare('SELECT status FROM readings WHERE meter_id = ? AND corrects_reading_id IS NOT NULL')
        .pluck()
        .all(meter.id),
    ).toEqual(['corrected'])
  })
})
