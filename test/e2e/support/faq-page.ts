import type { Locator, Page } from 'playwright-core'

/**
 * The FAQ section (Alt+6) for end-to-end tests: what the agent does — type a question, move through the
 * results, open one, show it in the customer's language, go back — and where that happens on the page.
 */
export class FaqPage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.locator('[data-testid=faq]')
  }
  get search(): Locator {
    return this.page.locator('#faq-search-input')
  }
  get category(): Locator {
    return this.page.locator('#faq-category')
  }
  get status(): Locator {
    return this.page.locator('[data-testid=faq-status]')
  }
  get hits(): Locator {
    return this.page.locator('[data-testid=faq-hit]')
  }
  get article(): Locator {
    return this.page.locator('[data-testid=faq-article]')
  }
  get articleTitle(): Locator {
    return this.article.locator('h2')
  }
  /** Alt+6 from anywhere in the desk; waits for the results. */
  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+6')
    await this.hits.first().waitFor()
  }
  /** Types into the search field as an agent does, then waits for the answer to settle. */
  async find(text: string): Promise<void> {
    await this.search.fill('')
    await this.search.pressSequentially(text, { delay: 10 })
    await this.page.waitForFunction(
      () => document.querySelector('[data-testid=faq-status]')?.textContent?.trim() !== '',
    )
  }
  async questions(): Promise<string[]> {
    return (await this.hits.locator('.faq-hit-question').allInnerTexts()).map((q) => q.trim())
  }
  /** The id of the element with the keyboard focus ('' when it has none). */
  focusedId(): Promise<string> {
    return this.page.evaluate(() => document.activeElement?.id ?? '')
  }
  async chooseCategory(label: string): Promise<void> {
    await this.category.selectOption({ label })
  }
  /** Shows the open article in another language (LV/EN/RU). */
  async showIn(code: 'LV' | 'EN' | 'RU'): Promise<void> {
    await this.article.getByRole('button', { name: new RegExp(`^${code}\\b`) }).click()
    await this.page.waitForFunction(
      (l) => document.querySelector('[data-testid=faq-article]')?.getAttribute('lang') === l,
      code.toLowerCase(),
    )
  }
}
