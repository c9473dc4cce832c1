import type { Locator, Page } from 'playwright-core'

/** Page objects for issue 12: the interaction log in the customer view and the home page's work queues. */
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
  /** Chooses an option of a native select by keyboard: focus, then type the visible text's start. */
  async choose(id: string, label: string): Promise<void> {
    await this.page.locator(`#${id}`).selectOption({ label })
  }
  async type(id: string, text: string): Promise<void> {
    await this.page.locator(`#${id}`).fill(text)
  }
  /** Ctrl+Enter from wherever the focus is in the form. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+Enter')
  }
  fieldError(id: string): Locator {
    return this.page.locator(`#${id}-error`)
  }
}

export class WorkQueuesPanel {
  constructor(readonly page: Page) {}

  card(queue: 'overdue' | 'dueToday' | 'documents' | 'reassess'): Locator {
    return this.page.locator(`.wq-card[data-queue=${queue}]`)
  }
  async count(queue: 'overdue' | 'dueToday' | 'documents' | 'reassess'): Promise<number> {
    return Number(await this.card(queue).locator('.wq-count').innerText())
  }
  async waitFor(): Promise<void> {
    await this.page.locator('.work-queues').waitFor()
  }
}
