import type { Locator, Page } from 'playwright-core'

/**
 * Page objects for the desk: tests say what the agent does ("open the customer", "switch to Russian"),
 * the selectors live here once.
 */
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
}
