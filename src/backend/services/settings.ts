import type { Settings } from '../../contract'
import type { Db } from '../db/open'

/** Lock after 15 idle minutes; end a session after a 10-hour working day. */
const DEFAULTS: Settings = { lockAfterMinutes: 15, sessionMaxHours: 10 }

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
  const out: Settings = { ...DEFAULTS }
  for (const { key, value } of rows) {
    if (key in DEFAULTS) (out as Record<string, unknown>)[key] = JSON.parse(value)
  }
  return out
}

export function writeSettings(db: Db, patch: Partial<Settings>): Settings {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  )
  db.transaction(() => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) upsert.run(k, JSON.stringify(v))
  })()
  return readSettings(db)
}
