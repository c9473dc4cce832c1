import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { FaqArticleView, FaqHit, Language, MethodInput, MethodOutput } from '../../contract'
import { useApi } from '../api'

type Categories = MethodOutput<'faq.categories'>['categories']
export type FaqVersion = MethodOutput<'faq.history'>['versions'][number]
type Category = Categories[number]['id']
export type FaqEdit = Omit<MethodInput<'faq.update'>, 'id' | 'language' | 'baseVersion'>

/**
 * The FAQ section: the query and category the agent chose, the hits in the agent's language, and the
 * article open — shown in the agent's language or switched to the customer's. Answers for a query the
 * screen no longer shows are dropped.
 */
export const useFaqStore = defineStore('faq', () => {
  const api = useApi()
  const query = ref('')
  const category = ref<Category | null>(null)
  const categories = shallowRef<Categories>([])
  const hits = shallowRef<FaqHit[]>([])
  const total = ref(0)
  const searched = ref(false)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  const article = shallowRef<FaqArticleView | null>(null)
  const articleLanguages = shallowRef<Language[]>([])
  const articleError = shallowRef<unknown>(null)
  /** Earlier versions of the open article in the language shown (supervisors), newest first. */
  const history = shallowRef<FaqVersion[]>([])
  let ticket = 0
  let articleTicket = 0

  async function loadCategories(language: Language): Promise<void> {
    try {
      categories.value = (await api.call('faq.categories', { language })).categories
    } catch (e) {
      error.value = e
    }
  }

  async function search(language: Language): Promise<void> {
    const mine = ++ticket
    loading.value = true
    try {
      const r = await api.call('faq.search', { query: query.value, language, category: category.value })
      if (mine !== ticket) return
      hits.value = r.items
      total.value = r.total
      error.value = null
      searched.value = true
    } catch (e) {
      if (mine === ticket) {
        hits.value = []
        total.value = 0
        error.value = e
      }
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  async function open(id: string, language: Language): Promise<void> {
    const mine = ++articleTicket
    try {
      const r = await api.call('faq.get', { id, language })
      if (mine !== articleTicket) return
      article.value = r.article
      articleLanguages.value = r.languages
      articleError.value = null
      history.value = []
    } catch (e) {
      if (mine === articleTicket) articleError.value = e
    }
  }

  function close(): void {
    articleTicket++
    article.value = null
    articleError.value = null
    history.value = []
  }

  async function loadHistory(): Promise<void> {
    const current = article.value
    if (!current) return
    const r = await api.call('faq.history', { id: current.id, language: current.language })
    if (article.value?.id === current.id && article.value.language === current.language)
      history.value = r.versions
  }

  /** A supervisor's edit of the open article in the language shown; answers with the new version. */
  async function save(edit: FaqEdit): Promise<FaqArticleView> {
    const current = article.value
    if (!current) throw new Error('no article open')
    const r = await api.call('faq.update', {
      id: current.id,
      language: current.language,
      baseVersion: current.version,
      ...edit,
    })
    article.value = r.article
    history.value = []
    return r.article
  }

  return {
    query,
    category,
    categories,
    hits,
    total,
    searched,
    loading,
    error,
    article,
    articleLanguages,
    articleError,
    history,
    loadCategories,
    loadHistory,
    search,
    open,
    close,
    save,
  }
})
