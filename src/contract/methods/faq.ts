import { z } from 'zod'
import { ANY_AGENT, SUPERVISOR, method } from '../define'
import { languageSchema } from '../common'
import { FAQ_ANSWER_MAX, FAQ_CATEGORIES, FAQ_QUESTION_MAX } from '../../core/reference/faq'

/**
 * The FAQ section (issue 13): articles in LV/EN/RU by the portal's sections, searched without regard to
 * diacritics or case. Reading is for every agent; supervisors edit (each edit keeps the earlier version and
 * is on record in the audit log). The query is bounded here; the service cuts it further and treats any
 * character as plain text, so no input is a syntax error.
 */
export const faqCategories = FAQ_CATEGORIES
const faqCategorySchema = z.enum(FAQ_CATEGORIES)
const articleId = z.string().min(1).max(80)

export const faqHitSchema = z.object({
  id: z.string(),
  category: faqCategorySchema,
  question: z.string(),
  snippet: z.string(),
  /** Every word found in the question, some only in the answer, or listed for an empty query. */
  match: z.enum(['question', 'answer', 'list']),
})
export type FaqHit = z.infer<typeof faqHitSchema>

export const faqArticleSchema = z.object({
  id: z.string(),
  language: languageSchema,
  category: faqCategorySchema,
  question: z.string(),
  answer: z.string(),
  sortOrder: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
})
export type FaqArticleView = z.infer<typeof faqArticleSchema>

export const faqMethods = {
  /** The categories in the portal's order, with how many articles each has in the language. */
  'faq.categories': method({
    access: ANY_AGENT,
    input: z.object({ language: languageSchema }).strict(),
    output: z.object({ categories: z.array(z.object({ id: faqCategorySchema, count: z.number().int() })) }),
  }),
  /**
   * Articles matching every word of `query` (question matches first), or, for an empty query, every
   * article (of the category) in its order.
   */
  'faq.search': method({
    access: ANY_AGENT,
    input: z
      .object({
        query: z.string().max(1000),
        language: languageSchema,
        category: faqCategorySchema.nullable().optional(),
        limit: z.number().int().min(1).max(100).optional(),
      })
      .strict(),
    output: z.object({ items: z.array(faqHitSchema), total: z.number().int() }),
  }),
  /** One article in one language, and the languages it exists in. */
  'faq.get': method({
    access: ANY_AGENT,
    input: z.object({ id: articleId, language: languageSchema }).strict(),
    output: z.object({ article: faqArticleSchema, languages: z.array(languageSchema) }),
  }),
  /**
   * A supervisor's edit of one language of an article. `baseVersion` is the version the editor saw: a newer
   * one is CONFLICT (faq.errors.stale) and changes nothing.
   */
  'faq.update': method({
    access: SUPERVISOR,
    input: z
      .object({
        id: articleId,
        language: languageSchema,
        baseVersion: z.number().int().min(1),
        category: faqCategorySchema,
        question: z.string().max(FAQ_QUESTION_MAX),
        answer: z.string().max(FAQ_ANSWER_MAX),
      })
      .strict(),
    output: z.object({ article: faqArticleSchema }),
  }),
  /** Earlier versions of one language of an article, newest first (supervisors). */
  'faq.history': method({
    access: SUPERVISOR,
    input: z.object({ id: articleId, language: languageSchema }).strict(),
    output: z.object({
      versions: z.array(
        z.object({
          version: z.number().int(),
          category: faqCategorySchema,
          question: z.string(),
          answer: z.string(),
          updatedAt: z.string(),
          updatedByName: z.string().nullable(),
          replacedAt: z.string(),
          replacedByName: z.string().nullable(),
        }),
      ),
    }),
  }),
} as const
