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
