import type { Locator, Page } from 'playwright-core'

/**
 * The page objects of the end-to-end suite, one per screen or section: tests say what the agent does
 * ("open the customer", "type an e-mail", "add a file") and only these know where it happens on the page.
 * Buttons and links are named by their visible label (what the agent reads), so tests may pass a label.
 */

type Lang = 'lv' | 'en' | 'ru'

/** The sign-in form (and the lock screen's password, which asks the same person again). */
export class SignInPage {
  constructor(readonly page: Page) {}

  get username(): Locator {
    return this.page.locator('#sign-in-username')
  }
  get password(): Locator {
    return this.page.locator('#sign-in-password')
  }
  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username)
    await this.password.fill(password)
    await this.password.press('Enter')
    await this.page.locator('#main').waitFor({ state: 'visible' })
  }
  /** The lock screen's password box. */
  get unlockPassword(): Locator {
    return this.page.locator('#unlock-password')
  }
  async unlock(password: string): Promise<void> {
    await this.unlockPassword.fill(password)
    await this.unlockPassword.press('Enter')
    await this.unlockPassword.waitFor({ state: 'detached' })
  }
}

/** The frame around every section: header (language, customer being served), menu, status bar, main area. */
export class Shell {
  constructor(readonly page: Page) {}

  get main(): Locator {
    return this.page.locator('#main')
  }
  /** The section's title. */
  get heading(): Locator {
    return this.main.locator('h1').first()
  }
  get homeTitle(): Locator {
    return this.page.locator('#home-title')
  }
  /** The section's first input (where Alt+digit puts the focus). */
  get firstInput(): Locator {
    return this.main.locator('input').first()
  }
  /** The header's "customer being served" region. */
  get customerContext(): Locator {
    return this.page.locator('.customer-context')
  }
  get sectionError(): Locator {
    return this.page.locator('.section-error')
  }
  get storageAlert(): Locator {
    return this.page.locator('[data-testid="storage-alert"]')
  }
  get toast(): Locator {
    return this.page.locator('.p-toast-message').first()
  }
  /** The menu's link to a section (e.g. `/settings`). */
  menuLink(path: string): Locator {
    return this.page.locator(`nav a[href="#${path}"]`)
  }
  /** Text the agent sees somewhere in the main area. */
  textInMain(text: string): Locator {
    return this.main.getByText(text).first()
  }
  /** Text the agent sees anywhere on the page (a message, say). */
  text(text: string): Locator {
    return this.page.getByText(text)
  }
  /** Presses the button the agent reads as `label`. */
  async press(label: string | RegExp, exact = false): Promise<void> {
    await this.page.getByRole('button', { name: label, exact }).click()
  }
  /** Follows the link the agent reads as `label`. */
  async follow(label: string): Promise<void> {
    await this.page.getByRole('link', { name: label }).click()
  }
  async go(hashPath: string): Promise<void> {
    await this.page.evaluate((p) => (location.hash = p), `#${hashPath}`)
  }
  /** Opens a section by its address and waits for its title. */
  async section(name: string): Promise<void> {
    await this.go(`/${name}`)
    await this.heading.waitFor()
  }
  async language(code: Lang | 'LV' | 'EN' | 'RU'): Promise<void> {
    const lang = code.toLowerCase()
    await this.page
      .locator('.app-header')
      .getByRole('button', { name: new RegExp(`^${lang}\\b`, 'i') })
      .click()
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang)
  }
  lang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang')
  }
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: /Iziet|Sign out|Выйти/ }).click()
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
  async shot(path: string): Promise<void> {
    await this.page.screenshot({ path })
  }
  /** The status bar line that matches `text` (e.g. the pending count). */
  status(text: RegExp): Locator {
    return this.page.locator('.status-bar').getByText(text)
  }
}

/** The supervisor's workstation settings. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  get sessionMaxHours(): Locator {
    return this.page.locator('#settings-session-max-hours')
  }
  get sessionMaxHoursLabel(): Locator {
    return this.page.locator('label[for="settings-session-max-hours"]')
  }
  get lockAfter(): Locator {
    return this.page.locator('#settings-lock-after')
  }
}

/** The one customer search (the Customers section's box; the Documents section uses it too). */
export class CustomerSearch {
  constructor(readonly page: Page) {}

  get input(): Locator {
    return this.page.locator('#customer-search-input')
  }
  get hits(): Locator {
    return this.page.locator('.search-hit')
  }
  /** The hint under the box (what screen readers announce). */
  get hint(): Locator {
    return this.page.locator('.customer-search [role="status"]')
  }
  /** Types like an agent and waits for the first hit. */
  async find(text: string, delay = 15): Promise<void> {
    await this.input.fill('')
    await this.input.type(text, { delay })
    await this.hits.first().waitFor()
  }
  /** Types like an agent and waits until the search has answered (hits or not). */
  async typeQuery(text: string): Promise<void> {
    await this.input.fill('')
    await this.input.pressSequentially(text, { delay: 15 })
    await this.page.locator('[data-testid="search-pending"]').waitFor({ state: 'detached' })
  }
  /** Chooses the hit that mentions `text` (a customer number, say). */
  async choose(text: string): Promise<void> {
    await this.hits.filter({ hasText: text }).first().dispatchEvent('mousedown')
  }
  hit(text: string): Locator {
    return this.hits.filter({ hasText: text }).first()
  }
}

/** "Jauns klients": the new-customer form (person, address, premise and meter, consents). */
export class NewCustomerForm {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.locator('form.create-form')
  }
  /** A field by its id (`n-first`, `a-street`, `p0-mp`, …). */
  field(id: string): Locator {
    return this.page.locator(`#${id}`)
  }
  async open(shell: Shell = new Shell(this.page)): Promise<void> {
    await shell.go('/customers?new=1')
    await this.form.waitFor()
  }
  async fill(values: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(values)) await this.field(id).fill(value)
  }
  async giveConsents(channels: string[], via: string): Promise<void> {
    for (const ch of channels) await this.page.locator(`[data-testid="n-consent-${ch}"]`).check()
    await this.field('n-consent-via').selectOption(via)
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
  /** The message under a field, or '' when there is none. */
  async errorUnder(id: string): Promise<string> {
    const error = this.page.locator(`.field:has(#${id}) .form-error`)
    return (await error.count()) ? (await error.innerText()).trim() : ''
  }
}

/** The Customers section's customer view: profile, billing card, audit trail. */
export class CustomersPage {
  readonly search: CustomerSearch
  constructor(readonly page: Page) {
    this.search = new CustomerSearch(page)
  }

  get searchBox(): Locator {
    return this.search.input
  }
  get hint(): Locator {
    return this.search.hint
  }
  get hits(): Locator {
    return this.search.hits
  }
  get profile(): Locator {
    return this.page.locator('.customer-profile')
  }
  get billing(): Locator {
    return this.page.locator('[data-testid=customer-billing]')
  }
  /** The invoice and statement lists anywhere in the profile (there should be one). */
  get invoiceLists(): Locator {
    return this.profile.locator('[data-testid=invoice-table], [data-testid=statement-table]')
  }
  get auditTrail(): Locator {
    return this.page.locator('section[aria-labelledby=c-audit]')
  }
  get auditRows(): Locator {
    return this.auditTrail.locator('tbody tr')
  }
  get auditTable(): Locator {
    return this.page.locator('.audit-table')
  }
  get auditTableRows(): Locator {
    return this.auditTable.locator('tbody tr')
  }
  /** The audit trail's action codes, newest first. */
  auditActions(): Promise<(string | null)[]> {
    return this.auditTableRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))
  }
  /** The invoice or statement the search found the customer by. */
  get foundDocument(): Locator {
    return this.page.locator('[data-testid="hit-document"]')
  }
  /** The first premise's subscriber number, as the profile lists it. */
  async firstSubscriber(): Promise<string> {
    return (await this.profile.locator('tbody tr td:nth-child(2)').first().innerText()).trim()
  }
  get revealReason(): Locator {
    return this.page.locator('#reveal-reason')
  }
  get personalCode(): Locator {
    return this.page.locator('[data-test=personal-code]')
  }

  /** Opens the Customers section at its search box. */
  async openSearch(): Promise<void> {
    await this.page.evaluate(() => (location.hash = '#/customers'))
    await this.searchBox.waitFor()
  }
  /** Opens a customer by a search the agent would type (its customer number finds it first). */
  async open(query: string): Promise<void> {
    await this.page.evaluate(() => (location.hash = '#/customers'))
    await this.searchBox.fill(query)
    await this.hits.first().waitFor()
    await this.searchBox.press('Enter')
    await this.profile.waitFor()
    await this.billing.locator('[data-testid=billing-figures]').waitFor()
  }
  /** Opens a customer by id (the address a chosen hit puts there). */
  async openById(id: string): Promise<void> {
    await this.page.evaluate((q) => (location.hash = `#/customers?id=${q}`), id)
    await this.profile.waitFor()
  }
  async setLanguage(label: string): Promise<void> {
    await this.profile.locator('.language-choice').getByLabel(label).check()
  }
  /** The customer id in the address bar (the open customer). */
  openId(): Promise<string | null> {
    return this.page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('id'))
  }
}

/** The customer view's portal card: the login, its temporary password, users and their rights. */
export class PortalCard {
  constructor(readonly page: Page) {}

  get card(): Locator {
    return this.page.locator('section[aria-labelledby=c-portal]')
  }
  get heading(): Locator {
    return this.page.locator('#c-portal')
  }
  /** The line under the heading (login state). */
  get state(): Locator {
    return this.page.locator('#c-portal + p')
  }
  get temporaryPassword(): Locator {
    return this.page.locator('[data-test=temporary-password]')
  }
  get users(): Locator {
    return this.page.locator('.portal-user')
  }
  /** A user form field: `first`, `last`, `email`. */
  userField(name: 'first' | 'last' | 'email'): Locator {
    return this.page.locator(`#u-${name}`)
  }
  async grant(right: string): Promise<void> {
    await this.page.locator('.rights-set').getByLabel(right).check()
  }
  /** A right's checkbox by its accessible label (right and subscriber number). */
  right(label: string): Locator {
    return this.page.getByLabel(label)
  }
}

/** The customer view's consents: a click asks how it was given, then records it; undo; history. */
export class ConsentsCard {
  constructor(readonly page: Page) {}

  get card(): Locator {
    return this.page.locator('section[aria-labelledby="c-consents"]')
  }
  get list(): Locator {
    return this.page.locator('.consents')
  }
  box(channel: string): Locator {
    return this.page.locator(`[data-testid="consent-${channel}"]`)
  }
  /** A consent's checkbox by the channel's label ("SMS"). */
  checkbox(label: string): Locator {
    return this.list.locator('li').filter({ hasText: label }).locator('input[type=checkbox]')
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
  /** Answers the dialog: how it was given, then the button the agent reads as `label`. */
  async answer(via: string, label: string): Promise<void> {
    await this.dialog.locator('#consent-via').selectOption(via)
    await this.dialog.getByRole('button', { name: label }).click()
  }
  undo(channel: string): Locator {
    return this.page.locator(`[data-testid="consent-undo-${channel}"]`)
  }
  get history(): Locator {
    return this.page.locator('.consent-history li')
  }
}

/**
 * Catches the blobs the page hands to downloads and new tabs (headless Chromium has no PDF viewer to read
 * them back from), so a test can read what the agent would have got.
 */
export class BlobCatcher {
  constructor(readonly page: Page) {}

  async install(): Promise<void> {
    await this.page.evaluate(() => {
      const g = globalThis as unknown as { __blobs: Blob[]; URL: typeof URL }
      g.__blobs = []
      const create = g.URL.createObjectURL.bind(g.URL)
      g.URL.createObjectURL = (b: Blob) => (g.__blobs.push(b), create(b))
    })
  }
  count(): Promise<number> {
    return this.page.evaluate(() => (globalThis as unknown as { __blobs: Blob[] }).__blobs.length)
  }
  /** The first caught blob's type and bytes (base64). */
  async first(): Promise<{ type: string; base64: string }> {
    return this.page.evaluate(async () => {
      const blob = (globalThis as unknown as { __blobs: Blob[] }).__blobs[0]
      const bytes = new Uint8Array(await blob.arrayBuffer())
      let s = ''
      for (const b of bytes) s += String.fromCharCode(b)
      return { type: blob.type, base64: btoa(s) }
    })
  }
  /** The text of the first caught blob whose type starts with `type`. */
  textOf(type: string): Promise<string> {
    return this.page.evaluate(async (t) => {
      const blobs = (globalThis as unknown as { __blobs: Blob[] }).__blobs
      return (blobs.find((b) => b.type.startsWith(t)) as Blob).text()
    }, type)
  }
}

/** The customer data export ("Datu izraksts"): asks a reason, hands over the readable summary. */
export class ExportDialog {
  constructor(readonly page: Page) {}

  async start(): Promise<void> {
    await this.page.locator('[data-testid="export-start"]').click()
    await this.page.getByRole('dialog').waitFor()
  }
  /** Confirms with a reason; returns the readable summary (HTML) the page handed to the download. */
  async confirm(reason: string): Promise<string> {
    const blobs = new BlobCatcher(this.page)
    await blobs.install()
    await this.page.locator('#export-reason').fill(reason)
    await this.page.locator('[data-testid="export-confirm"]').click()
    await this.page.waitForFunction(() => (globalThis as unknown as { __blobs: Blob[] }).__blobs.length === 2)
    return blobs.textOf('text/html')
  }
}

/** The customer view's billing panel: amounts, invoices or statements per premise, payments, previews. */
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
  get payments(): Locator {
    return this.panel.locator('[data-testid=payment-table]')
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
  /** Presses a row's button (preview, print) by its label. */
  async pressInRow(number: string, label: string): Promise<void> {
    await this.row(number).getByRole('button', { name: label }).click()
  }
}

/** The Invoices section's look-up by number, for the open customer. */
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

/** The Readings section: single entry (with checks, estimate, correction), a batch of slips, a history. */
export class ReadingsSection {
  constructor(readonly page: Page) {}

  async open(mode?: 'single' | 'batch' | 'history'): Promise<void> {
    await this.page.evaluate((m) => (location.hash = m ? `#/readings?mode=${m}` : '#/readings'), mode ?? '')
  }
  // Single entry
  /** Opens single entry on a meter by id (as the customer view's link does). */
  async openMeter(meterId: string): Promise<void> {
    await this.page.evaluate((id) => (location.hash = `#/readings?meter=${id}`), meterId)
    await this.value.waitFor()
  }
  /** Finds the meter by what the agent types in the identifier box (metering point, serial). */
  async findMeter(identifier: string): Promise<void> {
    const box = this.page.locator('#single-identifier')
    await box.fill(identifier)
    await box.press('Enter')
    await this.value.waitFor()
  }
  get value(): Locator {
    return this.page.locator('#single-value')
  }
  async type(value: number): Promise<void> {
    await this.value.fill(String(value))
  }
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
  finding(code: string): Locator {
    return this.page.locator(`.rd-findings [data-code="${code}"]`)
  }
  get estimate(): Locator {
    return this.page.locator('[data-testid="cost-estimate"]')
  }
  get correction(): Locator {
    return this.page.locator('#single-correction')
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
  /** Opens a meter's history by id and waits for the chart. */
  async openHistory(meterId: string): Promise<void> {
    await this.page.evaluate((id) => (location.hash = `#/readings?meter=${id}&mode=history`), meterId)
    await this.historyChart.waitFor()
  }
  async history(identifier: string): Promise<void> {
    const box = this.page.locator('#history-identifier')
    await box.fill(identifier)
    await box.press('Enter')
    await this.historyChart.waitFor()
    await this.historyRows.first().waitFor()
  }
  get historyChart(): Locator {
    return this.page.locator('[data-testid=history-chart]')
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

type DocumentStatus = 'VALID' | 'INVALID' | 'UNSUPPORTED' | 'INDETERMINATE'

/** The Documents section: whom for, add a file, the list, and a document's review and decision. */
export class DocumentsSection {
  readonly search: CustomerSearch
  constructor(readonly page: Page) {
    this.search = new CustomerSearch(page)
  }

  async open(): Promise<void> {
    await this.page.evaluate(() => (location.hash = '#/documents'))
    await this.page.locator('[data-testid=document-add]').waitFor()
  }
  /** Opens a customer's document (as a link to it does). */
  async openDocument(customerId: string, documentId: string): Promise<void> {
    await this.page.evaluate(
      ([c, d]) => (location.hash = `#/documents?customer=${c}&doc=${d}`),
      [customerId, documentId],
    )
    await this.checksToggle.waitFor()
  }
  get chosenCustomer(): Locator {
    return this.page.locator('[data-testid=chosen-customer]')
  }
  get list(): Locator {
    return this.page.locator('[data-testid=document-list]')
  }
  /** Opens a document from the list by its file name. */
  async openFromList(name: string): Promise<void> {
    await this.list.getByRole('button', { name }).click()
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
  /** What the section said about the last file added (a refusal, say). */
  get addMessage(): Locator {
    return this.page.locator('[data-testid=add-message]')
  }
  /** The review's large traffic light with this status. */
  badge(status: DocumentStatus): Locator {
    return this.review.locator(`.dr-badge-large[data-status=${status}]`)
  }
  get reviewHeader(): Locator {
    return this.review.locator('header')
  }
  /** The table of files inside the container. */
  get innerFiles(): Locator {
    return this.review.locator('table').first()
  }
  check(name: string): Locator {
    return this.review.locator(`.dr-check[data-check=${name}]`)
  }
  get failedChecks(): Locator {
    return this.review.locator('.dr-check[data-outcome=fail]')
  }
  get checksToggle(): Locator {
    return this.review.locator('[data-testid=checks-toggle]').first()
  }
  /** Opens every folded part (certificate, checks) so their texts show. */
  async unfoldAll(): Promise<void> {
    for (const summary of await this.review.locator('details:not([open]) > summary').all())
      await summary.click()
  }
  /** Views an inner file: presses its button (labelled "Skatīt …" in the screen's language). */
  async view(label: string): Promise<void> {
    await this.review.getByRole('button', { name: label }).click()
  }
  get previewFrame(): Locator {
    return this.review.locator('[data-testid=preview] iframe')
  }
  async closePreview(label: string): Promise<void> {
    await this.review.locator('[data-testid=preview]').getByRole('button', { name: label }).click()
  }
  /** Accepts or rejects the document with a reason, and waits for the decision to show. */
  async decide(decision: 'accept' | 'reject', reason: string): Promise<void> {
    await this.review.locator('[data-testid=decision-reason]').fill(reason)
    await this.review.locator(`[data-testid=${decision}]`).click()
    await this.decided.waitFor()
  }
  get decided(): Locator {
    return this.review.locator('[data-testid=decided]')
  }
  get audit(): Locator {
    return this.review.locator('[data-testid=audit]')
  }
}

/** The supervisor's audit log: filters, pages, export. */
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
  get from(): Locator {
    return this.page.locator('#audit-from')
  }
  get to(): Locator {
    return this.page.locator('#audit-to')
  }
  /** Chooses the action filter by keyboard: focus the list, Enter to open it, then the option. */
  async chooseAction(label: string): Promise<void> {
    await this.page.locator('#audit-action').focus()
    await this.page.keyboard.press('Enter')
    await this.page.getByRole('option', { name: label, exact: true }).click()
  }
  /** Types the period as the agent would, leaving each box with Tab. */
  async period(from: string, to: string): Promise<void> {
    await this.from.fill(from)
    await this.from.press('Tab')
    await this.to.fill(to)
    await this.to.press('Tab')
  }
  async clearFilters(label: string): Promise<void> {
    await this.section.getByRole('button', { name: label }).click()
  }
}

/** The customer view's interaction log (issue 12): the form opened with Alt+I, the list. */
export class InteractionLogPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('section.interaction-log')
  }
  get form(): Locator {
    return this.page.locator('form.il-form')
  }
  get items(): Locator {
    return this.panel.locator('.il-item')
  }
  /** The documented shortcut, pressed wherever the focus is. */
  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Alt+KeyI')
    await this.form.waitFor()
  }
  /** Chooses an option of a native select by its visible text. */
  async choose(id: string, label: string): Promise<void> {
    await this.page.locator(`#${id}`).selectOption({ label })
  }
  async type(id: string, text: string): Promise<void> {
    await this.page.locator(`#${id}`).fill(text)
  }
  async focus(id: string): Promise<void> {
    await this.page.locator(`#${id}`).focus()
  }
  /** Ctrl+Enter from wherever the focus is in the form. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+Enter')
  }
  fieldError(id: string): Locator {
    return this.page.locator(`#${id}-error`)
  }
}

type Queue = 'overdue' | 'dueToday' | 'documents' | 'reassess'

/** The home page's work queues. */
export class WorkQueuesPanel {
  constructor(readonly page: Page) {}

  card(queue: Queue): Locator {
    return this.page.locator(`.wq-card[data-queue=${queue}]`)
  }
  links(queue: Queue): Locator {
    return this.card(queue).locator('a')
  }
  async count(queue: Queue): Promise<number> {
    return Number(await this.card(queue).locator('.wq-count').innerText())
  }
  async waitFor(): Promise<void> {
    await this.page.locator('.work-queues').waitFor()
  }
}
