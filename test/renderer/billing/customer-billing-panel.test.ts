import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { methods, type ApiClient, type MethodName } from '../../../src/contract'
import { ApiCallError, provideApi } from '../../../src/renderer/api'
import { createGasDeskI18n } from '../../../src/renderer/i18n'
import CustomerBillingPanel from '../../../src/renderer/features/billing/CustomerBillingPanel.vue'
import { formatMoney } from '../../../src/core/format'

/**
 * An in-test backend for the billing panel: a customer with a monthly-invoice premise and a
 * balanced-payment premise. Inputs and outputs go through the contract's schemas, so the fake cannot
 * drift from what the real backend may answer.
 */
class BillingFake implements ApiClient {
  readonly calls: { method: MethodName; input: unknown }[] = []
  shell: 'electron' | 'browser' = 'browser'
  printOutcome: 'printed' | 'cancelled' | 'failed' = 'printed'
  async call<M extends MethodName>(method: M, input: never): Promise<never> {
    this.calls.push({ method, input })
    await Promise.resolve()
    const spec = methods[method]
    const parsed = spec.input.safeParse(input)
    if (!parsed.success) throw new ApiCallError({ code: 'VALIDATION', messageKey: 'errors.VALIDATION' })
    return spec.output.parse(this.answer(method)) as never
  }
  on = () => () => undefined
  of(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input)
  }
  private answer(method: MethodName): unknown {
    const premise = {
      premiseId: 'p1',
      subscriberNumber: '100000001',
      address: 'Brīvības iela 1-2, Rīga',
      billingType: 'invoice',
      instalmentCents: null,
      dueNowCents: 12345,
      overdueCents: 4500,
      balanceCents: -12345,
      paidLast12Cents: 98700,
    }
    switch (method) {
      case 'app.info':
        return { version: 't', schemaVersion: 1, workstationId: 'ws', shell: this.shell }
      case 'billing.account':
        return {
          today: '2026-11-26',
          premises: [
            premise,
            {
              ...premise,
              premiseId: 'p2',
              subscriberNumber: '100000002',
              billingType: 'balanced',
              instalmentCents: 3550,
              overdueCents: 0,
            },
          ],
        }
      case 'billing.documents':
        return {
          invoices: [
            {
              id: 'i1',
              number: 'GD-2026-0000011',
              premiseId: 'p1',
              subscriberNumber: '100000001',
              issueDate: '2026-11-05',
              periodStart: '2026-10-01',
              periodEnd: '2026-10-31',
              dueDate: '2026-11-20',
              totalCents: 20681,
              status: 'issued',
              overdue: true,
            },
            {
              id: 'i2',
              number: 'GD-2026-0000010',
              premiseId: 'p1',
              subscriberNumber: '100000001',
              issueDate: '2026-10-05',
              periodStart: '2026-09-01',
              periodEnd: '2026-09-30',
              dueDate: '2026-10-20',
              totalCents: 9385,
              status: 'paid',
              overdue: false,
            },
          ],
          statements: [
            {
              id: 's1',
              number: 'GDP-2026-0000004',
              premiseId: 'p2',
              subscriberNumber: '100000002',
              issueDate: '2026-11-12',
              periodStart: '2025-11-01',
              periodEnd: '2026-10-31',
              dueDate: null,
              actualCostCents: 38000,
              instalmentsPaidCents: 42600,
              balanceCents: -4600,
              status: 'settled',
            },
          ],
          payments: [
            {
              id: 'pay1',
              premiseId: 'p1',
              invoiceId: 'i2',
              amountCents: 9385,
              paidOn: '2026-10-19',
              reference: '100000001',
              method: 'bank_transfer',
            },
          ],
        }
      case 'billing.series':
        return { points: [] }
      case 'billing.print':
        return {
          filename: 'GD-2026-0000011.pdf',
          number: 'GD-2026-0000011',
          mime: 'application/pdf',
          base64: btoa('%PDF-1.7 test'),
        }
      case 'billing.printDialog':
        return { outcome: this.printOutcome }
      case 'billing.saveAs':
        return { file: '/home/liga/GD-2026-0000011.pdf' }
      default:
        throw new Error(`unexpected ${method}`)
    }
  }
}

let api: BillingFake
let opened: Array<{ location: { href: string }; document: Document; closed: boolean; close(): void }>

beforeEach(() => {
  api = new BillingFake()
  opened = []
  vi.spyOn(window, 'open').mockImplementation(() => {
    const tab = {
      location: { href: 'about:blank' },
      document: document.implementation.createHTMLDocument(''),
      closed: false,
      close() {
        this.closed = true
      },
    }
    opened.push(tab)
    return tab as unknown as Window
  })
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:gasdesk/pdf-1')
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
})
afterEach(() => vi.restoreAllMocks())

async function mountPanel(language: 'lv' | 'ru' = 'lv') {
  const wrapper = mount(CustomerBillingPanel, {
    props: { customerId: 'c1' },
    attachTo: document.body,
    global: {
      plugins: [createPinia(), createGasDeskI18n(language), { install: (app) => provideApi(app, api) }],
    },
  })
  await flushPromises()
  return wrapper
}
const button = (w: Awaited<ReturnType<typeof mountPanel>>, row: string, label: string) =>
  w
    .findAll('tr')
    .find((r) => r.text().includes(row))!
    .findAll('button')
    .find((b) => b.text() === label)!

describe('CustomerBillingPanel', () => {
  it('shows amount due, overdue and balance of the first premise, and only its invoices', async () => {
    const w = await mountPanel()
    const figures = w.get('[data-testid="billing-figures"]').text()
    expect(figures).toContain('Apmaksājams tagad')
    expect(figures).toContain(formatMoney(12345, 'lv'))
    expect(figures).toContain(formatMoney(4500, 'lv'))
    const invoices = w.get('[data-testid="invoice-table"]').text()
    expect(invoices).toContain('GD-2026-0000011')
    expect(invoices).toContain('GD-2026-0000010')
    expect(w.find('[data-testid="statement-table"]').exists()).toBe(false)
    expect(api.of('billing.account')).toEqual([{ customerId: 'c1' }])
    w.unmount()
  })

  it('switches to the balanced-payment premise: instalment and statements instead of invoices', async () => {
    const w = await mountPanel()
    await w.findAll('[role="tab"]')[1].trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="billing-figures"]').text()).toContain(formatMoney(3550, 'lv'))
    expect(w.get('[data-testid="statement-table"]').text()).toContain('GDP-2026-0000004')
    expect(w.find('[data-testid="invoice-table"]').exists()).toBe(false)
    expect(api.of('billing.series')).toContainEqual({ premiseId: 'p2' })
    w.unmount()
  })

  it('browser shell: preview opens the PDF in a tab opened before the call; save downloads it', async () => {
    const w = await mountPanel()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    await button(w, 'GD-2026-0000011', 'Skatīt / drukāt').trigger('click')
    await flushPromises()
    expect(api.of('billing.print')).toEqual([{ kind: 'invoice', id: 'i1', purpose: 'preview' }])
    expect(opened).toHaveLength(1)
    // The tab is titled with the document, in the agent's language, and shows the PDF in a frame.
    expect(opened[0].document.title).toBe('Rēķins Nr. GD-2026-0000011')
    expect(opened[0].document.querySelector('iframe')?.getAttribute('src')).toBe('blob:gasdesk/pdf-1')
    await button(w, 'GD-2026-0000011', 'Saglabāt PDF').trigger('click')
    await flushPromises()
    expect(api.of('billing.print')[1]).toEqual({ kind: 'invoice', id: 'i1', purpose: 'save' })
    expect(click).toHaveBeenCalledOnce()
    expect(opened).toHaveLength(1)
    expect(api.of('billing.printDialog')).toEqual([])
    expect(w.emitted('printed')).toHaveLength(2)
    w.unmount()
  })

  it('Electron: the system print dialog and save dialog, with what happened in a status line', async () => {
    api.shell = 'electron'
    const w = await mountPanel()
    await button(w, 'GD-2026-0000011', 'Drukāt…').trigger('click')
    await flushPromises()
    expect(api.of('billing.printDialog')).toEqual([{ kind: 'invoice', id: 'i1' }])
    expect(w.get('[role="status"]').text()).toBe('Nosūtīts uz printeri.')
    await button(w, 'GD-2026-0000011', 'Saglabāt kā PDF…').trigger('click')
    await flushPromises()
    expect(api.of('billing.saveAs')).toEqual([{ kind: 'invoice', id: 'i1' }])
    expect(w.get('[role="status"]').text()).toBe('Saglabāts: /home/liga/GD-2026-0000011.pdf')
    api.printOutcome = 'failed'
    await button(w, 'GD-2026-0000011', 'Drukāt…').trigger('click')
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toBe('Drukāt neizdevās.')
    // No tab, no PDF bytes in the renderer: main and the backend handle it.
    expect(opened).toHaveLength(0)
    expect(api.of('billing.print')).toEqual([])
    w.unmount()
  })

  it('speaks Russian', async () => {
    const w = await mountPanel('ru')
    expect(w.get('[data-testid="billing-figures"]').text()).toContain('К оплате сейчас')
    expect(w.text()).toContain('Просмотр / печать')
    w.unmount()
  })
})
