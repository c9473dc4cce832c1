import { ApiError, type FaqArticleView, type FaqHit, type Language } from '../../../contract'
import {
  FAQ_CATEGORIES,
  faqQueryTokens,
  faqSearchText,
  faqSnippet,
  scoreFaq,
  type FaqCategory,
} from '../../../core/reference/faq'
import { recordAccess, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'

interface FaqRow {
  id: string
  language: Language
  category: FaqCategory
  question: string
  answer: string
  sort_order: number
  version: number
  updated_at: string
  updated_by: string | null
}

interface Indexed {
  row: FaqRow
  question: string
  answer: string
}

const categoryRank = new Map<string, number>(FAQ_CATEGORIES.map((c, i) => [c, i]))
const byOrder = (a: FaqRow, b: FaqRow): number =>
  (categoryRank.get(a.category) ?? 99) - (categoryRank.get(b.category) ?? 99) ||
  a.sort_order - b.sort_order ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

// The articles of one language, folded once. About twenty rows per language: scanning them in memory
// is faster than any index; the set is re-read only when an edit changed its signature.
const cache = new WeakMap<Db, Map<Language, { signature: string; items: Indexed[] }>>()

function indexed(db: Db, language: Language): Indexed[] {
  const signature = String(
    db
      .prepare(
        "SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(max(updated_at), '') FROM faq WHERE language = ?",
      )
      .pluck()
      .get(language),
  )
  let perDb = cache.get(db)
  if (!perDb) cache.set(db, (perDb = new Map()))
  const hit = perDb.get(language)
  if (hit && hit.signature === signature) return hit.items
  const rows = db.prepare('SELECT * FROM faq WHERE language = ?').all(language) as FaqRow[]
  const items = rows
    .sort(byOrder)
    .map((row) => ({ row, question: faqSearchText(row.question), answer: faqSearchText(row.answer) }))
  perDb.set(language, { signature, items })
  return items
}

export function faqCategoryCounts(db: Db, language: Language): { id: FaqCategory; count: number }[] {
  const counts = new Map<string, number>()
  for (const { row } of indexed(db, language)) counts.set(row.category, (counts.get(row.category) ?? 0) + 1)
  return FAQ_CATEGORIES.map((id) => ({ id, count: counts.get(id) ?? 0 }))
}

/**
 * Every article whose question or answer holds each word of the query (diacritics- and case-blind), those
 * matched in the question first, then by score and the articles' own order. An empty query (or one of
 * only punctuation) lists the category, or everything, in order.
 */
export function searchFaq(
  db: Db,
  input: { query: string; language: Language; category?: FaqCategory | null; limit?: number },
): { items: FaqHit[]; total: number } {
  const pool = indexed(db, input.language).filter((i) => !input.category || i.row.category === input.category)
  const tokens = faqQueryTokens(input.query)
  const limit = input.limit ?? 50
  const hit = (row: FaqRow, match: FaqHit['match']): FaqHit => ({
    id: row.id,
    category: row.category,
    question: row.question,
    snippet: faqSnippet(row.answer),
    match,
  })
  if (tokens.length === 0) {
    return { items: pool.slice(0, limit).map((i) => hit(i.row, 'list')), total: pool.length }
  }
  const found: { item: Indexed; score: number; match: 'question' | 'answer'; at: number }[] = []
  pool.forEach((item, at) => {
    const s = scoreFaq(tokens, item.question, item.answer)
    if (s) found.push({ item, ...s, at })
  })
  found.sort(
    (a, b) => (a.match === b.match ? 0 : a.match === 'question' ? -1 : 1) || b.score - a.score || a.at - b.at,
  )
  return { items: found.slice(0, limit).map((f) => hit(f.item.row, f.match)), total: found.length }
}

function view(db: Db, row: FaqRow): FaqArticleView {
  const name = row.updated_by
    ? ((db.prepare('SELECT display_name FROM agents WHERE id = ?').pluck().get(row.updated_by) as
        string | undefined) ?? null)
    : null
  return {
    id: row.id,
    language: row.language,
    category: row.category,
    question: row.question,
    answer: row.answer,
    sortOrder: row.sort_order,
    version: row.version,
    updatedAt: row.updated_at,
    updatedByName: name,
  }
}

const notFound = (id: string) => new ApiError('NOT_FOUND', 'faq.errors.notFound', { id: id.slice(0, 80) })

export function getFaqArticle(
  db: Db,
  id: string,
  language: Language,
): { article: FaqArticleView; languages: Language[] } {
  const row = db.prepare('SELECT * FROM faq WHERE id = ? AND language = ?').get(id, language) as
    FaqRow | undefined
  if (!row) throw notFound(id)
  const languages = db
    .prepare(
      "SELECT language FROM faq WHERE id = ? ORDER BY CASE language WHEN 'lv' THEN 0 WHEN 'en' THEN 1 ELSE 2 END",
    )
    .pluck()
    .all(id) as Language[]
  return { article: view(db, row), languages }
}

/**
 * A supervisor's edit: the current text goes to `faq_history`, the new one becomes version + 1, and the
 * change is on record in the audit log with before and after — in one transaction. A local change: the
 * central system will publish the retailer's FAQ as a dataset (not built yet), so there is no outbox row.
 */
export function updateFaqArticle(
  db: Db,
  actor: MutationActor,
  input: {
    id: string
    language: Language
    baseVersion: number
    category: FaqCategory
    question: string
    answer: string
  },
): FaqArticleView {
  const question = input.question.trim()
  const answer = input.answer.replace(/\r\n?/gu, '\n').trim()
  const problems: Record<string, string> = {}
  if (question === '') problems.question = 'faq.errors.questionRequired'
  if (answer === '') problems.answer = 'faq.errors.answerRequired'
  if (Object.keys(problems).length > 0)
    throw new ApiError('VALIDATION', 'faq.errors.invalid', { fields: problems })
  return db
    .transaction(() => {
      const before = db
        .prepare('SELECT * FROM faq WHERE id = ? AND language = ?')
        .get(input.id, input.language) as FaqRow | undefined
      if (!before) throw notFound(input.id)
      if (before.version !== input.baseVersion)
        throw new ApiError('CONFLICT', 'faq.errors.stale', { version: before.version })
      const at = new Date(actor.nowMs).toISOString()
      db.prepare(
        `INSERT INTO faq_history (id, language, version, category, question, answer, sort_order, updated_at,
         updated_by, replaced_at, replaced_by)
       VALUES (@id, @language, @version, @category, @question, @answer, @sort_order, @updated_at, @updated_by,
         @replaced_at, @replaced_by)`,
      ).run({ ...before, replaced_at: at, replaced_by: actor.agentId })
      db.prepare(
        `UPDATE faq SET category = ?, question = ?, answer = ?, version = version + 1, updated_at = ?, updated_by = ?
       WHERE id = ? AND language = ?`,
      ).run(input.category, question, answer, at, actor.agentId, input.id, input.language)
      recordAccess(db, actor, {
        action: 'faq.update',
        entityType: 'faq',
        entityId: `${input.id}/${input.language}`,
        before: { category: before.category, question: before.question, answer: before.answer },
        after: { category: input.category, question, answer },
      })
      const after = db
        .prepare('SELECT * FROM faq WHERE id = ? AND language = ?')
        .get(input.id, input.language) as FaqRow
      return view(db, after)
    })
    .immediate()
}

export function faqHistory(db: Db, id: string, language: Language) {
  const rows = db
    .prepare(
      `SELECT h.version, h.category, h.question, h.answer, h.updated_at AS updatedAt,
         (SELECT display_name FROM agents WHERE id = h.updated_by) AS updatedByName, h.replaced_at AS replacedAt,
         (SELECT display_name FROM agents WHERE id = h.replaced_by) AS replacedByName
       FROM faq_history h WHERE h.id = ? AND h.language = ? ORDER BY h.version DESC`,
    )
    .all(id, language) as {
    version: number
    category: FaqCategory
    question: string
    answer: string
    updatedAt: string
    updatedByName: string | null
    replacedAt: string
    replacedByName: string | null
  }[]
  return { versions: rows }
}
