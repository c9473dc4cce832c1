import type { Locator, Page } from 'playwright-core'

/*
 * Page objects for the customers, readings and invoices screens as the forms-and-search tests use them:
 * the tests say what the agent does ("search for", "give consent by phone"), the selectors live here.
 */

export class CustomersPage {
  constructor(readonly page: Page) {}

  async open(id?: string): Promise<void> {
    await this.page.evaluate((q) => (location.hash = q ? `#/customers?id=${q}` : '#/customers'), id ?? '')
    if (id) await this.profile.waitFor()
    else await this.searchBox.waitFor()
  }
  get searchBox(): Locator {
    return this.page.locator('#customer-search-input')
  }
  get hint(): Locator {
    return this.page.locator('.customer-search [role="status"]')
  }
  get hits(): Locator {
    return this.page.locator('.search-hit')
  }
  get profile(): Locator {
    return this.page.locator('.customer-profile')
  }
  async search(text: string): Promise<void> {
    await this.searchBox.fill('')
    await this.searchBox.pressSequentially(text, { delay: 15 })
    await this.page.locator('[data-testid="search-pending"]').waitFor({ state: 'detached' })
  }
  /** The customer id in the address bar (the open customer). */
  openId(): Promise<string | null> {
    return this.page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('id'))
  }
}

export class CreateCustomerForm {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.evaluate(() => (location.hash = '#/customers?new=1'))
    await this.form.waitFor()
  }
  get form(): Locator {
    return this.page.locator('form.create-form')
  }
  field(id: string): Locator {
    return this.page.locator(`#${id}`)
  }
  /** The message under a field, or '' when there is none. */
  async errorUnder(id: string): Promise<string> {
    const error = this.page.locator(`.field:has(#${id}) .form-error`)
    return (await error.count()) ? (await error.innerText()).trim() : ''
  }
  async fill(values: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(values)) await this.field(id).fill(value)
  }
  async giveConsents(channels: string[], via: string): Promise<void> {
    for (const ch of channels) await this.page.locator(`[data-testid="n-consent-${ch}"]`).check()
    await this.field('n-consent-via').selectOption(via)
  }
  async submit(): Promise<void> {
    await this.form.locator('button[type="submit"]').click()
  }
}

export class ConsentsCard {
  constructor(readonly page: Page) {}

  get card(): Locator {
    return this.page.locator('section[aria-labelledby="c-consents"]')
  }
  box(channel: string): Locator {
    return this.page.locator(`[data-testid="consent-${channel}"]`)
  }
  get dialog(): Locator {
    return this.page.getByRole('dialog')
  }
  async ask(channel: string): Promise<void> {
    await this.box(channel).click()
    await this.dialog.waitFor()
  }
  async confirm(via: string): Promise<void> {
    await this.dialog.locator('#consent-via').selectOption(via)
    await this.dialog.locator('[data-testid="consent-confirm"]').click()
    await this.dialog.waitFor({ state: 'detached' })
  }
  undo(channel: string): Locator {
    return this.page.locator(`[data-testid="consent-undo-${channel}"]`)
  }
}

export class ExportDialog {
  constructor(readonly page: Page) {}

  async start(): Promise<void> {
    await this.page.locator('[data-testid="export-start"]').click()
    await this.page.getByRole('dialog').waitFor()
  }
  /** Confirms with a reason; returns the readable summary (HTML) the page handed to the download. */
  async confirm(reason: string): Promise<string> {
    await this.page.evaluate(() => {
      const g = globalThis as unknown as { __blobs: Blob[]; URL: typeof URL }
      g.__blobs = []
      const create = g.URL.createObjectURL.bind(g.URL)
      g.URL.createObjectURL = (b: Blob) => (g.__blobs.push(b), create(b))
    })
    await this.page.locator('#export-reason').fill(reason)
    await this.page.locator('[data-testid="export-confirm"]').click()
    await this.page.waitForFunction(() => (globalThis as unknown as { __blobs: Blob[] }).__blobs.length === 2)
    return this.page.evaluate(async () => {
      const blobs = (globalThis as unknown as { __blobs: Blob[] }).__blobs
      return (blobs.find((b) => b.type.startsWith('text/html')) as Blob).text()
    })
  }
}

export class ReadingEntryPage {
  constructor(readonly page: Page) {}

  async openMeter(meterId: string): Promise<void> {
    await this.page.evaluate((id) => (location.hash = `#/readings?meter=${id}`), meterId)
    await this.page.locator('#single-value').waitFor()
  }
  async type(value: number): Promise<void> {
    await this.page.locator('#single-value').fill(String(value))
  }
  finding(code: string): Locator {
    return this.page.locator(`.rd-findings [data-code="${code}"]`)
  }
  get estimate(): Locator {
    return this.page.locator('[data-testid="cost-estimate"]')
  }
  get correction(): Locator {
    return this.page.locator('#single-correction')
  }
}

export class InvoicesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.evaluate(() => (location.hash = '#/invoices'))
    await this.page.locator('[data-testid="invoice-number"]').waitFor()
  }
  async lookUp(number: string): Promise<void> {
    await this.page.locator('[data-testid="invoice-number"]').fill(number)
    await this.page.locator('form.bl-lookup button[type="submit"]').click()
  }
  get figures(): Locator {
    return this.page.locator('[data-testid="billing-figures"]')
  }
  get customer(): Locator {
    return this.page.locator('[data-testid="billing-customer"]')
  }
}
