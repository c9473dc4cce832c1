import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/*
 * Issue 10, "Speed as the agent feels it": saving a reading took four round trips (validate again,
 * record, reload the meter card, reload the sync status). `reading.record` now answers with the card,
 * the window state and the sync status, and a reading the screen has already checked is saved with
 * exactly one call, on the real backend.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

function meterWithHistory(): { id: string; last: number } {
  return desk!.backend.ctx.db
    .prepare(
      `SELECT m.id, (SELECT value FROM readings WHERE meter_id = m.id AND status = 'actual'
                     ORDER BY reading_date DESC LIMIT 1) AS last
       FROM meters m WHERE m.removed_at IS NULL AND last IS NOT NULL ORDER BY m.id LIMIT 1`,
    )
    .get() as { id: string; last: number }
}

const pendingCount = (): number =>
  (
    desk!.backend.ctx.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`).get() as {
      n: number
    }
  ).n

describe('saving a reading', { timeout: 60_000 }, () => {
  it('is one reading.record call that brings the new card and the pending count to the screen', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const meter = meterWithHistory()
    await desk.router.push({ name: 'readings', query: { meter: meter.id } })
    await desk.settle()
    const value = meter.last + 25
    await desk.wrapper.find('#single-value').setValue(String(value))
    // The screen's own check (debounced) has answered: the consumption is shown.
    await vi.waitFor(() => expect(document.querySelector('[data-testid="kwh"]')).not.toBeNull(), {
      timeout: 5000,
    })
    await desk.settle()
    const before = desk.api.calls.length
    await desk.wrapper.find('form.rd-form').trigger('submit')
    await desk.settle()
    await vi.waitFor(() => expect(document.querySelector('[data-testid="saved"]')).not.toBeNull())

    expect(desk.api.calls.slice(before).map((c) => c.method)).toEqual(['reading.record'])
    const lastRows = [...document.querySelectorAll('.rd-last tbody tr')].map((tr) => tr.textContent ?? '')
    expect(lastRows[0]).toContain(String(value))
    expect(pendingCount()).toBeGreaterThan(0)
    expect(document.querySelector('.status-bar')?.textContent).toContain(`${pendingCount()} neiesūtīt`)
  })
})
