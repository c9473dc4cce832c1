import type { Locator, Page } from 'playwright-core'

/**
 * Page objects for the desk's screens: tests say what the agent does ("type an e-mail", "add a file")
 * and these know where it happens on the page.
 */
export class Shell {
  constructor(readonly page: Page) {}

  /** The header's "customer being served" region. */
  get customerContext(): Locator {
    return this.page.locator('.customer-context')
  }
  get sectionError(): Locator {
    return this.page.locator('.section-error')
  }
  async go(hashPath: string): Promise<void> {
    await this.page.evaluate((p) => (location.hash = p), `#${hashPath}`)
  }
  async language(code: 'LV' | 'EN' | 'RU'): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${code}\\b`) }).click()
    await this.page.waitForFunction((l) => document.documentElement.lang === l, code.toLowerCase())
  }
  async shot(path: string): Promise<void> {
    await this.page.screenshot({ path })
  }
  /** The status bar line that matches `text` (e.g. the pending count). */
  status(text: RegExp): Locator {
    return this.page.locator('.status-bar').getByText(text)
  }
}

export class NewCustomerForm {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.locator('form.create-form')
  }
  field(id: 'n-first' | 'n-last' | 'n-code' | 'n-email' | 'n-phone'): Locator {
    return this.page.locator(`#${id}`)
  }
  async open(shell: Shell): Promise<void> {
    await shell.go('/customers?new=1')
    await this.form.waitFor()
  }
  async submit(): Promise<void> {
    await this.form.locator('button[type=submit]').click()
  }
  errors(): Promise<string> {
    return this.form
      .locator('.form-error')
      .allInnerTexts()
      .then((t) => t.join(' '))
  }
}

export class CustomerSearchBox {
  constructor(readonly page: Page) {}

  get input(): Locator {
    return this.page.locator('#customer-search-input')
  }
  get hits(): Locator {
    return this.page.locator('.search-hit')
  }
  async find(text: string): Promise<void> {
    await this.input.fill('')
    await this.input.type(text, { delay: 15 })
    await this.hits.first().waitFor()
  }
  /** Chooses the hit that mentions `text` (a customer number, say). */
  async choose(text: string): Promise<void> {
    await this.hits.filter({ hasText: text }).first().dispatchEvent('mousedown')
  }
}

export class DocumentsSection {
  readonly search: CustomerSearchBox
  constructor(readonly page: Page) {
    this.search = new CustomerSearchBox(page)
  }

  get chosenCustomer(): Locator {
    return this.page.locator('[data-testid=chosen-customer]')
  }
  get list(): Locator {
    return this.page.locator('[data-testid=document-list]')
  }
  get review(): Locator {
    return this.page.locator('[data-testid=document-review]')
  }
  async changeCustomer(): Promise<void> {
    await this.page.locator('[data-testid=change-customer]').click()
  }
  async addFile(path: string): Promise<void> {
    await this.page.locator('[data-testid=file-input]').setInputFiles(path)
    await this.page.locator('[data-testid=add-submit]').click()
  }
}

export class Desk {
  constructor(readonly page: Page) {}

  get main(): Locator {
    return this.page.locator('#main')
  }

  async go(section: string): Promise<void> {
    await this.page.evaluate((s) => (location.hash = `#/${s}`), section)
    await this.main.locator('h1').first().waitFor()
  }

  async language(lang: 'lv' | 'en' | 'ru'): Promise<void> {
    await this.page
      .locator('.app-header')
      .getByRole('button', { name: new RegExp(`^${lang}\\b`, 'i') })
      .click()
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang)
  }

  /** The element that has the keyboard focus, as `tag#id`. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement
      return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` : ''
    })
  }

  /** Scrolls the main area so `target` is at the top, for a screenshot of that part of the screen. */
  async scrollTo(target: Locator): Promise<void> {
    await target.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  }
}

export class CustomersPage {
  constructor(readonly page: Page) {}

  get searchBox(): Locator {
    return this.page.locator('#customer-search-input')
  }
  get profile(): Locator {
    return this.page.locator('.customer-profile')
  }
  get billing(): Locator {
    return this.page.locator('[data-testid=customer-billing]')
  }
  get auditTrail(): Locator {
    return this.page.locator('section[aria-labelledby=c-audit]')
  }
  get auditRows(): Locator {
    return this.auditTrail.locator('tbody tr')
  }

  /** Opens a customer by a search the agent would type (its customer number finds it first). */
  async open(query: string): Promise<void> {
    await this.page.evaluate(() => (location.hash = '#/customers'))
    await this.searchBox.fill(query)
    await this.page.locator('.search-hit').first().waitFor()
    await this.searchBox.press('Enter')
    await this.profile.waitFor()
    await this.billing.locator('[data-testid=billing-figures]').waitFor()
  }

  async setLanguage(label: string): Promise<void> {
    await this.profile.locator('.language-choice').getByLabel(label).check()
  }
}

export class AuditLogPage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.locator('[data-testid=audit-log]')
  }
  get rows(): Locator {
    return this.section.locator('tbody tr')
  }
  get next(): Locator {
    return this.section.locator('[data-testid=audit-next]')
  }
  get previous(): Locator {
    return this.section.locator('[data-testid=audit-previous]')
  }
  get exportButton(): Locator {
    return this.section.locator('[data-testid=audit-export]')
  }
}

/** The Invoices section's batch printing (PrimeVue controls: the choices are options in an overlay). */
export class BatchPrintPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('[data-testid="batch-print"]')
  }

  async choose(selectId: string, option: string): Promise<void> {
    await this.panel.locator(`#${selectId}`).click()
    await this.page.getByRole('option', { name: option, exact: true }).click()
  }

  /** Types the month as the agent would, in the screen's format (LV `11.2026.`). */
  async month(text: string): Promise<void> {
    const box = this.panel.locator('#batch-month')
    await box.fill('')
    await box.pressSequentially(text)
    await box.press('Tab')
  }

  async fill(id: 'batch-street' | 'batch-city', text: string): Promise<void> {
    await this.panel.locator(`#${id}`).fill(text)
  }

  get progress(): Locator {
    return this.panel.locator('[role=progressbar]')
  }
  get status(): Locator {
    return this.panel.locator('[role="status"]')
  }
  async open(): Promise<void> {
    await this.page.evaluate(() => (location.hash = '#/invoices'))
    await this.panel.waitFor()
  }
  /** Presses the start button (its label in the screen's language). */
  async start(label: string): Promise<void> {
    await this.panel.getByRole('button', { name: label, exact: true }).click()
  }
}

/**
 * A PDF the browser shell opened in a new tab: a page of ours titled for the document ("Rēķins Nr. …"),
 * the browser's PDF viewer in a full-size frame.
 */
export class PdfTab {
  constructor(readonly page: Page) {}

  get frame(): Locator {
    return this.page.locator('iframe')
  }
  /** Resolves once the frame holds the PDF. */
  async shown(): Promise<void> {
    await this.page.waitForFunction(
      () => document.querySelector('iframe')?.getAttribute('src')?.startsWith('blob:') ?? false,
    )
  }
  title(): Promise<string> {
    return this.page.title()
  }
}

/** The customer view's billing panel: amounts, invoices or statements per premise, previews. */
export class BillingPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('[data-testid="customer-billing"]')
  }
  get figures(): Locator {
    return this.panel.locator('[data-testid="billing-figures"]')
  }
  get invoices(): Locator {
    return this.panel.locator('[data-testid="invoice-table"]')
  }
  get statements(): Locator {
    return this.panel.locator('[data-testid="statement-table"]')
  }
  get firstHeading(): Locator {
    return this.panel.locator('h3').first()
  }
  /** Opens the customer by id (the address the search would put there) and waits for the amounts. */
  async openCustomer(customerId: string): Promise<void> {
    await this.page.evaluate((id) => (location.hash = `#/customers?id=${id}`), customerId)
    await this.figures.waitFor()
  }
  /** Switches to the premise with this subscriber number. */
  async premise(subscriber: string): Promise<void> {
    await this.panel.getByRole('tab', { name: new RegExp(subscriber) }).click()
  }
  /** The row of an invoice or statement by its number. */
  row(number: string): Locator {
    return this.panel.locator(`tr:has-text("${number}")`)
  }
}

/** The Readings section: single entry, a batch of paper slips, a meter's history. */
export class ReadingsSection {
  constructor(readonly page: Page) {}

  async open(mode?: 'single' | 'batch' | 'history'): Promise<void> {
    await this.page.evaluate((m) => (location.hash = m ? `#/readings?mode=${m}` : '#/readings'), mode ?? '')
  }
  // Single entry
  get card(): Locator {
    return this.page.locator('.rd-card')
  }
  get windowState(): Locator {
    return this.page.locator('[data-testid=window-state]')
  }
  get kwh(): Locator {
    return this.page.locator('[data-testid=kwh]')
  }
  get saved(): Locator {
    return this.page.locator('[data-testid=saved]')
  }
  get findings(): Locator {
    return this.page.locator('.rd-findings')
  }
  // Batch
  batchWarnings(row: number): Locator {
    return this.page.locator(`tr[data-row="${row}"] [data-severity=warn]`)
  }
  get batchSavedRows(): Locator {
    return this.page.locator('tr.rd-state-saved')
  }
  get batchSummary(): Locator {
    return this.page.locator('[data-testid=batch-summary]')
  }
  get batchFinish(): Locator {
    return this.page.locator('button', { hasText: /Pabeigt/ })
  }
  get batchReport(): Locator {
    return this.page.locator('[data-testid=batch-report]')
  }
  // History
  async history(identifier: string): Promise<void> {
    const box = this.page.locator('#history-identifier')
    await box.fill(identifier)
    await box.press('Enter')
    await this.page.locator('[data-testid=history-chart]').waitFor()
    await this.historyRows.first().waitFor()
  }
  get historyRows(): Locator {
    return this.page.locator('[data-testid=history-table] tbody tr')
  }
  historyCaption(text: string): Locator {
    return this.page.locator('[data-testid=history-table] caption', { hasText: text })
  }
  get historySelected(): Locator {
    return this.page.locator('[data-testid=history-selected]')
  }
  get chart(): Locator {
    return this.page.locator('.rd-chart-box')
  }
}
