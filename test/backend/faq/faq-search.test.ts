import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import lv from '../../../locales/lv.json'
import en from '../../../locales/en.json'
import ru from '../../../locales/ru.json'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import type { MethodInput, MethodName, MethodOutput } from '../../../src/contract'
import { DEFAULT_FAQ } from '../../../src/core/reference/faq-default'
import { FAQ_CATEGORIES, FAQ_LANGUAGES } from '../../../src/core/reference/faq'
import { tempDir } from '../../helpers/tmp'

/**
 * The FAQ on a new desk database (issue 13): the built-in articles are there in LV, EN and RU from the
 * first start; search ignores diacritics and case (Latin and Cyrillic), ranks question matches above
 * answer matches, filters by category, lists a category for an empty query, and answers hostile input
 * with an empty result or a typed error — never INTERNAL. Supervisors' edits keep the earlier version and
 * are on record; agents cannot edit.
 */
let backend: Backend
const tmp = tempDir()
const clock = manualClock(Date.parse('2026-11-27T09:00:00Z'))
type Who = 'liga' | 'olga' | 'janis'

async function call<M extends MethodName>(
  who: Who,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const r = await backend.dispatch(method, input, who)
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.value as MethodOutput<M>
}
async function fail(who: Who, method: MethodName, input: unknown) {
  const r = await backend.dispatch(method, input, who)
  if (r.ok) throw new Error(`${method} should have failed`)
  return r.error
}
const search = (input: MethodInput<'faq.search'>) => call('liga', 'faq.search', input)
const ids = (r: MethodOutput<'faq.search'>) => r.items.map((i) => i.id)
const lookup = (tree: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined),
      tree,
    )

beforeAll(async () => {
  backend = await createBackend({ dbFile: tmp.file('desk.sqlite'), shell: 'test', clock, demoAgents: true })
  for (const who of ['liga', 'olga', 'janis'] as const) {
    const r = await backend.dispatch('session.signIn', { username: who, password: `${who}-demo` }, who)
    expect(r.ok).toBe(true)
  }
})
afterAll(() => {
  backend.close()
  tmp.cleanup()
})

describe('FAQ articles', () => {
  it('are loaded in all three languages, about twenty of them, in every category', async () => {
    expect(DEFAULT_FAQ.articles.length).toBeGreaterThanOrEqual(18)
    for (const language of FAQ_LANGUAGES) {
      const { categories } = await call('liga', 'faq.categories', { language })
      expect(categories.map((c) => c.id)).toEqual([...FAQ_CATEGORIES])
      expect(categories.every((c) => c.count > 0)).toBe(true)
      expect(categories.reduce((s, c) => s + c.count, 0)).toBe(DEFAULT_FAQ.articles.length)
    }
    const { article, languages } = await call('olga', 'faq.get', { id: 'readings-window', language: 'ru' })
    expect(languages).toEqual(['lv', 'en', 'ru'])
    expect(article.question).toBe('Когда можно подать показания счётчика?')
    expect(article.answer).toContain('27-го')
  })

  it('state the reading window as DOMAIN.md does: from the 27th to 24:00 of the first working day', async () => {
    const { article } = await call('liga', 'faq.get', { id: 'readings-window', language: 'lv' })
    expect(article.answer).toMatch(/no 27\. datuma līdz nākamā mēneša pirmās darba dienas plkst\. 24\.00/u)
  })

  it('have distinct ids and non-empty text in every language; Latvian keeps its diacritics', () => {
    const seen = new Set<string>()
    for (const a of DEFAULT_FAQ.articles) {
      expect(seen.has(a.id), a.id).toBe(false)
      seen.add(a.id)
      for (const l of FAQ_LANGUAGES) {
        expect(a.text[l].question.trim(), `${a.id}/${l}`).not.toBe('')
        expect(a.text[l].answer.trim(), `${a.id}/${l}`).not.toBe('')
      }
      expect(a.text.ru.question, a.id).toMatch(/[а-я]/u)
    }
    const allLv = DEFAULT_FAQ.articles.map((a) => a.text.lv.question + a.text.lv.answer).join(' ')
    for (const letter of 'āēģīķļņšūž') expect(allLv, letter).toContain(letter)
  })
})

describe('FAQ search', () => {
  it('is diacritics-blind: "skaititajs" finds "skaitītājs", and typed with diacritics finds the same', async () => {
    const plain = await search({ query: 'skaititajs', language: 'lv' })
    expect(plain.total).toBeGreaterThan(0)
    expect(plain.items.every((i) => /skaitītāj/iu.test(i.question + i.snippet) || i.match === 'answer')).toBe(
      true,
    )
    expect(ids(plain)).toContain('readings-meter-exchange')
    // The ending does not matter either: the nominative finds the genitive of the window article.
    expect(ids(plain)).toContain('readings-window')
    const marked = await search({ query: 'SKAITĪTĀJS', language: 'lv' })
    expect(ids(marked)).toEqual(ids(plain))
    expect(ids(await search({ query: 'izlidzinatais maksajums', language: 'lv' }))[0]).toBe(
      'invoices-billing-types',
    )
    expect(ids(await search({ query: 'parskats', language: 'lv' }))).toContain('invoices-statement')
  })

  it('folds Russian case, and ё is searched as е (as Russian is mostly typed)', async () => {
    const lower = await search({ query: 'показания', language: 'ru' })
    const upper = await search({ query: 'ПОКАЗАНИЯ', language: 'ru' })
    expect(lower.total).toBeGreaterThan(2)
    expect(ids(upper)).toEqual(ids(lower))
    expect(ids(await search({ query: 'СЧЁТЧИКА', language: 'ru' }))).toContain('readings-window')
    expect(ids(await search({ query: 'счетчика', language: 'ru' }))).toContain('readings-window')
    const payment = await search({ query: 'платёж', language: 'ru' })
    expect(payment.items[0]).toMatchObject({ id: 'invoices-billing-types', match: 'question' })
    // Another case of the same word: показаний (genitive plural) finds показания.
    expect(ids(await search({ query: 'показаний', language: 'ru' }))).toContain('readings-window')
  })

  it('ranks articles matched in the question above those matched only in the answer', async () => {
    const r = await search({ query: 'rādījums', language: 'lv' })
    const firstAnswer = r.items.findIndex((i) => i.match === 'answer')
    const lastQuestion = r.items.map((i) => i.match).lastIndexOf('question')
    expect(lastQuestion).toBeGreaterThanOrEqual(0)
    expect(firstAnswer).toBeGreaterThan(lastQuestion)
    // "password" is in the questions of two sign-in articles and only in the answers of others.
    const e = await search({ query: 'PASSWORD', language: 'en' })
    expect(e.items.slice(0, 2).map((i) => [i.id, i.match])).toEqual([
      ['profile-temporary-password', 'question'],
      ['profile-password-reset', 'question'],
    ])
    expect(e.items.slice(2).map((i) => i.match)).toContain('answer')
  })

  it('needs every word: more words narrow the result', async () => {
    const one = await search({ query: 'payment', language: 'en' })
    const two = await search({ query: 'payment statement', language: 'en' })
    expect(two.total).toBeGreaterThan(0)
    expect(two.total).toBeLessThan(one.total)
    expect(ids(two).every((id) => ids(one).includes(id))).toBe(true)
    expect((await search({ query: 'payment zzzqqq', language: 'en' })).total).toBe(0)
  })

  it('filters by category, and an empty query lists the category in its order', async () => {
    const filtered = await search({ query: 'portal', language: 'en', category: 'profile' })
    expect(filtered.total).toBeGreaterThan(0)
    expect(filtered.items.every((i) => i.category === 'profile')).toBe(true)
    const listed = await search({ query: '', language: 'lv', category: 'readings' })
    const expected = DEFAULT_FAQ.articles.filter((a) => a.category === 'readings').map((a) => a.id)
    expect(ids(listed)).toEqual(expected)
    expect(listed.items.every((i) => i.match === 'list')).toBe(true)
    const all = await search({ query: '   ', language: 'ru' })
    expect(all.total).toBe(DEFAULT_FAQ.articles.length)
    expect(all.items[0].category).toBe('readings')
  })

  it('treats hostile input as plain text: an empty result or a typed error, never INTERNAL', async () => {
    for (const query of [
      '@',
      '{',
      '|',
      '{name} | @:x @{}',
      "'; DROP TABLE faq; --",
      '"*" NEAR(',
      '%_\\',
      '\u0000\u202e',
    ]) {
      const r = await backend.dispatch('faq.search', { query, language: 'lv' }, 'liga')
      expect(r.ok, query).toBe(true)
    }
    const long = await backend.dispatch('faq.search', { query: 'a'.repeat(1000), language: 'lv' }, 'liga')
    expect(long.ok).toBe(true)
    const tooLong = await fail('liga', 'faq.search', { query: 'x'.repeat(100_000), language: 'lv' })
    expect(tooLong.code).toBe('VALIDATION')
    expect((await fail('liga', 'faq.search', { query: 'x', language: 'de' })).code).toBe('VALIDATION')
    expect((await fail('liga', 'faq.search', { query: 'x', language: 'lv', category: 'secret' })).code).toBe(
      'VALIDATION',
    )
    const missing = await fail('liga', 'faq.get', { id: '{@|}', language: 'lv' })
    expect(missing).toMatchObject({ code: 'NOT_FOUND', messageKey: 'faq.errors.notFound' })
    expect((await fail('liga', 'faq.get', { id: 'x'.repeat(5000), language: 'lv' })).code).toBe('VALIDATION')
    expect(await backend.dispatch('faq.search', { query: 'x', language: 'lv' }, 'nobody')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
  })
})

describe('FAQ editing', () => {
  it('is for supervisors: the old version goes to history, the new one is on record in the audit log', async () => {
    const before = (await call('janis', 'faq.get', { id: 'readings-zero', language: 'lv' })).article
    expect(before.version).toBe(1)
    const forbidden = await fail('liga', 'faq.update', {
      id: 'readings-zero',
      language: 'lv',
      baseVersion: 1,
      category: 'readings',
      question: 'x',
      answer: 'y',
    })
    expect(forbidden.code).toBe('FORBIDDEN')

    const edit = {
      id: 'readings-zero',
      language: 'lv' as const,
      baseVersion: 1,
      category: 'readings' as const,
      question: 'Vai nulles rādījums jāiesniedz? {vārds} | @',
      answer: 'Jā, arī nulles patēriņu ziņo.\r\n\r\nOtrā rindkopa.',
    }
    const { article } = await call('janis', 'faq.update', edit)
    expect(article).toMatchObject({ version: 2, question: edit.question, updatedByName: 'Jānis Bērziņš' })
    expect(article.answer).toBe('Jā, arī nulles patēriņu ziņo.\n\nOtrā rindkopa.')
    expect(ids(await search({ query: 'nulles vards', language: 'lv' }))).toEqual(['readings-zero'])

    const { versions } = await call('janis', 'faq.history', { id: 'readings-zero', language: 'lv' })
    expect(versions).toHaveLength(1)
    expect(versions[0]).toMatchObject({
      version: 1,
      question: before.question,
      replacedByName: 'Jānis Bērziņš',
    })
    const audit = backend.ctx.db
      .prepare(
        "SELECT entity_id, before_json, after_json, mutation_id FROM audit_log WHERE action = 'faq.update'",
      )
      .all() as { entity_id: string; before_json: string; after_json: string; mutation_id: string | null }[]
    expect(audit).toHaveLength(1)
    expect(audit[0].entity_id).toBe('readings-zero/lv')
    expect(JSON.parse(audit[0].before_json).question).toBe(before.question)
    expect(JSON.parse(audit[0].after_json).question).toBe(edit.question)
    // A local change: nothing goes to the outbox.
    expect(audit[0].mutation_id).toBeNull()
    // Other languages of the article are untouched.
    expect((await call('janis', 'faq.get', { id: 'readings-zero', language: 'en' })).article.version).toBe(1)
  })

  it('refuses a stale edit and an empty one, changing nothing', async () => {
    const stale = await fail('janis', 'faq.update', {
      id: 'readings-zero',
      language: 'lv',
      baseVersion: 1,
      category: 'readings',
      question: 'Vecā versija',
      answer: 'Vecā atbilde',
    })
    expect(stale).toMatchObject({ code: 'CONFLICT', messageKey: 'faq.errors.stale', details: { version: 2 } })
    const empty = await fail('janis', 'faq.update', {
      id: 'readings-zero',
      language: 'lv',
      baseVersion: 2,
      category: 'readings',
      question: '   ',
      answer: 'x',
    })
    expect(empty).toMatchObject({ code: 'VALIDATION', messageKey: 'faq.errors.invalid' })
    expect((await call('janis', 'faq.get', { id: 'readings-zero', language: 'lv' })).article.version).toBe(2)
  })

  it('has every message it can answer with in all three locales', () => {
    for (const key of [
      'faq.errors.notFound',
      'faq.errors.stale',
      'faq.errors.invalid',
      'faq.errors.questionRequired',
      'faq.errors.answerRequired',
      'customers.audit.actions.faq_update',
      ...FAQ_CATEGORIES.map((c) => `faq.categories.${c}`),
    ])
      for (const [name, tree] of Object.entries({ lv, en, ru }))
        expect(lookup(tree, key), `${name}: ${key}`).toBeTypeOf('string')
  })
})
