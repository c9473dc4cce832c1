import type { faqMethods } from '../../contract/methods/faq'
import { actorOf, type Handlers } from '../context'
import { faqCategoryCounts, faqHistory, getFaqArticle, searchFaq, updateFaqArticle } from '../services/faq'

export function faqHandlers(): Handlers<typeof faqMethods> {
  return {
    'faq.categories': (input, { ctx }) => ({ categories: faqCategoryCounts(ctx.db, input.language) }),
    'faq.search': (input, { ctx }) => searchFaq(ctx.db, input),
    'faq.get': (input, { ctx }) => getFaqArticle(ctx.db, input.id, input.language),
    'faq.update': (input, call) => ({ article: updateFaqArticle(call.ctx.db, actorOf(call), input) }),
    'faq.history': (input, { ctx }) => faqHistory(ctx.db, input.id, input.language),
  }
}
