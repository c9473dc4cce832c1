import { DEFAULT_FAQ } from '../../../core/reference/faq-default'
import { FAQ_LANGUAGES } from '../../../core/reference/faq'
import type { Migration } from './index'

/*
 * Issue 13, FAQ: the `faq` table of 002 gets a version and who last changed it, `faq_history` keeps every
 * earlier version of an article in one language (a supervisor's edit moves the current text there first),
 * and the built-in articles (core/reference/faq-default.ts, LV/EN/RU) are loaded as version 1. Rows
 * already present (none were written before this version) are left as they are.
 */
const LOADED_AT = '2026-12-01T00:00:00.000Z'

export const m012FaqArticles: Migration = {
  version: 12,
  name: 'faq-articles',
  up(db) {
    db.exec(`
      ALTER TABLE faq ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
      ALTER TABLE faq ADD COLUMN updated_by TEXT;
      CREATE TABLE faq_history (
        id TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('lv', 'en', 'ru')),
        version INTEGER NOT NULL CHECK (version >= 1),
        category TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT,
        replaced_at TEXT NOT NULL,
        replaced_by TEXT NOT NULL,
        PRIMARY KEY (id, language, version)
      ) STRICT;
    `)
    const insert = db.prepare(
      `INSERT OR IGNORE INTO faq (id, language, category, question, answer, sort_order, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
    )
    for (const a of DEFAULT_FAQ.articles)
      for (const lang of FAQ_LANGUAGES)
        insert.run(a.id, lang, a.category, a.text[lang].question, a.text[lang].answer, a.sortOrder, LOADED_AT)
  },
}
