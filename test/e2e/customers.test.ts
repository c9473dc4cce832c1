import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import {
  BlobCatcher,
  ConsentsCard,
  CustomersPage,
  NewCustomerForm,
  PdfTab,
  PortalCard,
  Shell,
} from './support/pages'

/**
 * Customers end to end in the browser shell (issue 3): create a household with a premise and meter, find
 * it by a diacritic-free name and by subscriber number, create the portal login and print the welcome
 * letter (PDF text checked), add a user with rights, reveal the personal code with a reason, and see all
 * of it in the audit trail — in Latvian, then in Russian. Screenshots go to GASDESK_SHOTS (or tmp).
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
mkdirSync(SHOTS, { recursive: true })
let app: E2eApp

beforeAll(async () => {
  app = await launchApp({ customers: 150, seed: 'e2e-customers' })
  await signIn(app.page)
}, 120_000)
afterAll(async () => {
  await app?.close()
})

/** The agent's view of a tab: the frame, the customer view and its cards. */
function screens(page: Page) {
  return {
    shell: new Shell(page),
    customers: new CustomersPage(page),
    form: new NewCustomerForm(page),
    portal: new PortalCard(page),
    consents: new ConsentsCard(page),
  }
}

describe('customers (LV, then RU)', () => {
  let subscriber = ''
  let customerUrl = ''

  it('creates a household with a premise and a meter, keeping what was typed after a refusal', async () => {
    const { page } = app
    const { shell, customers, form } = screens(page)
    await shell.go('/customers')
    await shell.press('Jauns klients')
    await form.fill({
      'n-first': 'Ērika',
      'n-last': 'Šņore',
      'n-code': '120768-18760',
      'n-email': 'erika.snore@example.lv',
      'n-phone': '2612 3456',
    })
    await form.field('n-lang').selectOption('ru')
    await form.fill({
      'a-street': 'Brīvības iela',
      'a-house': '77',
      'a-apartment': '3',
      'a-town': 'Rīga',
      'a-postalCode': 'LV-1001',
    })
    await form.field('p0-billing').selectOption('balanced')
    await form.fill({
      'p0-instalment': '35,50',
      'p0-mp': 'A000000777',
      'p0-serial': 'EL-77777',
      'p0-reading': '123',
    })
    await shell.press('Izveidot klientu')
    // A wrong check digit: the message comes from the core validator, the typed value stays.
    await expect.poll(() => form.form.innerText()).toContain('kontrolcipars nesakrīt')
    expect(await form.field('n-code').inputValue()).toBe('120768-18760')
    await form.form.screenshot({ path: join(SHOTS, 'customers-lv-create-refused.png') })
    await form.field('n-code').fill('120768-18764')
    await shell.press('Izveidot klientu')
    await customers.profile.waitFor()
    customerUrl = page.url()
    const text = await customers.profile.innerText()
    expect(text).toContain('Ērika Šņore')
    expect(text).toContain('120768-*****')
    expect(text).toContain('A000000777')
    expect(text).toContain('Izlīdzinātais maksājums')
    expect(text).toContain('Šajā darbstacijā vēl nav šī klienta rēķinu')
    subscriber = await customers.firstSubscriber()
    expect(subscriber).toMatch(/^\d{9}$/)
    expect(await shell.customerContext.innerText()).toContain('Ērika Šņore')
  })

  it('finds it by a diacritic-free name and by subscriber number; arrows and Enter open, Esc clears', async () => {
    const { page } = app
    const { shell, customers } = screens(page)
    await shell.go('/customers')
    await customers.search.find('erika snore', 20)
    expect(await customers.hits.first().innerText()).toContain('Ērika Šņore')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toBe(customerUrl)
    await customers.search.find(subscriber, 20)
    const first = customers.hits.first()
    expect(await first.innerText()).toContain('Ērika Šņore')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toBe(customerUrl)
    await customers.searchBox.press('Escape')
    expect(await customers.searchBox.inputValue()).toBe('')
  })

  it('creates the portal login and prints the welcome letter (PDF in a new tab, text checked)', async () => {
    const { page, context } = app
    const { shell, portal } = screens(page)
    await shell.press('Izveidot portāla lietotāju')
    const password = (await portal.temporaryPassword.innerText()).trim()
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/)
    // The letter opens in a new tab as a blob: URL. Headless Chromium has no PDF viewer to read it back
    // from, so the test keeps the blob the page creates and reads its bytes in the page.
    const blobs = new BlobCatcher(page)
    await blobs.install()
    const [tab] = await Promise.all([context.waitForEvent('page'), shell.press('Drukāt sveiciena vēstuli')])
    await expect.poll(() => blobs.count()).toBe(1)
    // The tab is titled for the letter in the agent's language, not with a blob: address.
    const letterTab = new PdfTab(tab)
    await letterTab.shown()
    expect(await letterTab.title()).toMatch(/^Sveiciena vēstule, klients \d+$/u)
    const { type, base64: data } = await blobs.first()
    await tab.close()
    expect(type).toBe('application/pdf')
    const file = join(SHOTS, 'customers-welcome-letter.pdf')
    writeFileSync(file, Buffer.from(data, 'base64'))
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    for (const s of [
      'Portāla lietotājs',
      'Labdien, Ērika Šņore!',
      'Pagaidu parole',
      password,
      'erika.snore@example.lv',
      'Временный пароль',
    ]) {
      expect(text).toContain(s)
    }
    await shell.press('Gatavs')
    expect(await portal.temporaryPassword.count()).toBe(0)
    expect(await portal.state.innerText()).toContain('izveidots, vēl nav pieslēdzies')
  })

  it('adds a user with rights on the premise', async () => {
    const { shell, portal } = screens(app.page)
    await shell.press('Pievienot lietotāju')
    await portal.userField('first').fill('Pēteris')
    await portal.userField('last').fill('Šņore')
    await portal.userField('email').fill('peteris@example.lv')
    await portal.grant('Rēķini un pārskati')
    await portal.grant('Ziņot rādījumus')
    await shell.press('Pievienot', true)
    await portal.users.waitFor()
    const user = await portal.users.innerText()
    expect(user).toContain('Pēteris Šņore')
    expect(user).toContain('gaida apstiprinājumu')
    expect(await portal.right(`Rēķini un pārskati ${subscriber}`).isChecked()).toBe(true)
    expect(await portal.right(`Maksāt ${subscriber}`).isChecked()).toBe(false)
  })

  it('records a consent only after asking how it was given, then its withdrawal, with time, agent and wording', async () => {
    const { shell, consents } = screens(app.page)
    const sms = consents.checkbox('SMS')
    await sms.click()
    // A click asks first: how the customer gave it, and a confirmation.
    await consents.answer('phone', 'Reģistrēt piekrišanu')
    await expect
      .poll(() => consents.list.innerText())
      .toContain('darbinieks · pa tālruni · Līga Ozoliņa · marketing-2024-09')
    await sms.click()
    await consents.answer('visit', 'Reģistrēt atteikumu')
    await expect.poll(() => sms.isChecked()).toBe(false)
    await shell.press('Vēsture')
    const history = consents.history
    await expect.poll(() => history.count()).toBe(2)
    expect(await history.nth(0).innerText()).toContain('nepiekrīt / atsaukts')
    expect(await history.nth(1).innerText()).toContain('piekrīt')
  })

  it('reveals the personal code only with a reason, and shows everything in the audit trail', async () => {
    const { page } = app
    const { shell, customers, portal } = screens(page)
    await shell.press('Rādīt', true)
    await shell.press('Rādīt personas kodu')
    await expect.poll(() => customers.profile.innerText()).toContain('Ierakstiet iemeslu')
    await customers.revealReason.fill('Klients zvana, pārbaude')
    await shell.press('Rādīt personas kodu')
    await expect.poll(() => customers.personalCode.innerText()).toBe('120768-18764')
    await expect.poll(() => customers.auditTableRows.count()).toBeGreaterThanOrEqual(5)
    const actions = await customers.auditActions()
    expect(actions).toEqual(
      expect.arrayContaining([
        'customer.create',
        'portal.createLogin',
        'portal.printWelcomeLetter',
        'portalUser.add',
        'customer.revealPersonalCode',
      ]),
    )
    const audit = await customers.auditTable.innerText()
    expect(audit).toContain('Līga Ozoliņa')
    expect(audit).toContain('Personas kods parādīts')
    expect(audit).toContain('Klients zvana, pārbaude')
    await page.screenshot({ path: join(SHOTS, 'customers-lv.png'), fullPage: true })
    // The main area scrolls: the lower cards get their own pictures.
    await portal.card.screenshot({ path: join(SHOTS, 'customers-lv-portal.png') })
    await customers.auditTrail.screenshot({ path: join(SHOTS, 'customers-lv-audit.png') })
    expect(await axeViolations(page)).toEqual([])
    expect(app.consoleErrors).toEqual([])
  })

  it('opens reading entry and history for the customer’s meter from the customer view', async () => {
    const { page } = app
    const { shell, portal } = screens(page)
    await shell.follow('Ievadīt rādījumu')
    await page.waitForURL(/#\/readings\?meter=/)
    await shell.textInMain('A000000777').waitFor()
    await page.goBack()
    await shell.follow('Rādījumu vēsture')
    await page.waitForURL(/mode=history/)
    // The history names the meter's customer; a new meter has no readings to chart yet.
    await shell.textInMain('Ērika Šņore').waitFor()
    await page.screenshot({ path: join(SHOTS, 'customers-meter-history-lv.png') })
    await page.goBack()
    await portal.heading.waitFor()
    expect(app.consoleErrors).toEqual([])
  })

  it('in Russian: finds the customer, reveals the code and reads the audit trail', async () => {
    const page = await app.newPage()
    await signIn(page, 'olga', 'olga-demo')
    const { shell, customers, portal } = screens(page)
    await shell.go('/customers')
    await customers.search.find('snore', 20)
    await page.keyboard.press('Enter')
    await customers.profile.waitFor()
    const text = await customers.profile.innerText()
    expect(text).toContain('Выровненный платёж')
    expect(text).toContain('Пользователи и права доступа')
    await shell.press('Показать', true)
    await customers.revealReason.fill('Клиент просит проверить')
    await shell.press('Показать персональный код')
    await expect.poll(() => customers.personalCode.innerText()).toBe('120768-18764')
    await expect.poll(() => customers.auditTable.innerText()).toContain('Клиент просит проверить')
    const audit = await customers.auditTable.innerText()
    expect(audit).toContain('Ольга Петрова')
    expect(audit).toContain('Персональный код показан')
    expect(audit).toContain('Вход в портал создан')
    await page.screenshot({ path: join(SHOTS, 'customers-ru.png'), fullPage: true })
    await portal.card.screenshot({ path: join(SHOTS, 'customers-ru-portal.png') })
    expect(app.consoleErrors).toEqual([])
  })
})
