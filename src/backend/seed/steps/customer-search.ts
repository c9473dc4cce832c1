import { refreshSearchIndex } from '../../services/customers/search-index'
import type { SeedContext, SeedStep } from '../context'

/**
 * The customer search index (migration 003) for everything the earlier steps wrote: their inserts only
 * marked customers as changed; this builds all their documents in one pass, so the first search after
 * seeding is as fast as any other.
 */
export const customerSearchStep: SeedStep = {
  name: 'customer-search',
  summary: 'customer search index (FTS5)',
  run(ctx: SeedContext) {
    const n = refreshSearchIndex(ctx.db)
    ctx.log(`customer search index: ${n} customers`)
  },
}
