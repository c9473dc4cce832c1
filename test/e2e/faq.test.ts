import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock } from '../../src/backend/clock'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import { FaqPage } from './support/faq-page'
import { layoutProblems } from './support/layout'

/**
 * The FAQ section in the browser shell at 1366×768 (issue 13): Alt+6 lands in the search field; a query
 * without diacritics finds the Latvian article; arrows and Enter open it; it is shown in the customer's
 * language; Esc returns — LV for Līga, RU for Olga, each screenshotted, laid out and axe-clean.
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
mkdirSync(SHOTS, { recursive: true })
let app: E2eApp

beforeAll(async () => {
  app = await launchApp({
    customers: 20,
    seed: 'e2e-faq',
    viewport: { width: 1366, height: 768 },
    clock: manualClock(Date.parse('2026-11-27T09:00:00Z')),
  })
}, 180_000)
afterAll(async () => {
  await app?.close()
})

describe('FAQ', () => {
  it('Latvian: Alt+6, a query without diacritics, arrows and Enter, the customer’s language, Esc', async () => {
    await signIn(app.page)
    const faq = new FaqPage(app.page)
    await faq.open()
    expect(await faq.focusedId()).toBe('faq-search-input')
    await faq.find('skaititajs')
    expect(await faq.questions()).toContain('Kas jādara, ja tiek nomainīts gāzes skaitītājs?')
    await app.page.keyboard.press('ArrowDown')
    await app.page.keyboard.press('Enter')
    await faq.article.waitFor()
    expect(await faq.focusedId()).toBe('faq-article-title')
    expect(await faq.articleTitle.innerText()).toBe((await faq.questions())[0])
    await app.page.screenshot({ path: join(SHOTS, 'faq-lv.png') })
    expect(await layoutProblems(app.page, '#main')).toEqual([])
    expect(await axeViolations(app.page)).toEqual([])

    await faq.showIn('RU')
    expect(await faq.articleTitle.innerText()).toMatch(/[а-яё]/u)
    await app.page.screenshot({ path: join(SHOTS, 'faq-lv-article-ru.png') })
    await faq.articleTitle.focus()
    await app.page.keyboard.press('Escape')
    await faq.article.waitFor({ state: 'detached' })
    expect(await faq.focusedId()).toBe('faq-search-input')
    expect(app.consoleErrors).toEqual([])
  })

  it('Russian: the list in Russian, filtered by section', async () => {
    const page = await app.newPage()
    await signIn(page, 'olga', 'olga-demo')
    const faq = new FaqPage(page)
    await faq.open()
    await faq.chooseCategory('Счета и платежи (6)')
    await faq.find('ПЛАТЁЖ')
    const questions = await faq.questions()
    expect(questions.length).toBeGreaterThan(0)
    expect(questions.every((q) => /[а-яё]/iu.test(q))).toBe(true)
    await page.keyboard.press('Enter')
    await faq.article.waitFor()
    await page.screenshot({ path: join(SHOTS, 'faq-ru.png') })
    expect(await layoutProblems(page, '#main')).toEqual([])
    expect(await axeViolations(page)).toEqual([])
    expect(app.consoleErrors).toEqual([])
  })
})
