import type { SeedContext, SeedStep } from '../context'
import { addDays, daysBetween } from '../../../core/calendar'
import { instantOn } from '../context'

const INSERT_ACCOUNT = `INSERT INTO portal_accounts (id, customer_id, email, password_hash, status,
  must_change_password, must_confirm_contacts, version, created_at, updated_at)
  VALUES (?, ?, ?, NULL, ?, ?, ?, 1, ?, ?)`

interface Row {
  _r: number
  id: string
  email: string
  created_at: string
}

/**
 * Portal accounts for about half of the customers with an e-mail. Seeded accounts sign in through a
 * bank or eParaksts (no password hash); invited ones were created by an employee and must confirm
 * their contact details first (DOMAIN.md).
 */
export const portalStep: SeedStep = {
  name: 'portal',
  summary: 'portal accounts',
  run(ctx: SeedContext) {
    const rng = ctx.rng('portal')
    const nextId = ctx.ids('portal_accounts')
    const insert = ctx.db.prepare(INSERT_ACCOUNT)
    ctx.eachPage<Row>(
      'SELECT rowid AS _r, id, email, created_at FROM customers WHERE email IS NOT NULL',
      (rows) => {
        for (const c of rows) {
          if (!rng.chance(0.55)) continue
          const status = rng.weighted([
            ['active', 85],
            ['invited', 10],
            ['locked', 5],
          ] as const)
          const joined = c.created_at.slice(0, 10)
          const span = Math.max(0, daysBetween(joined, ctx.options.today) - 1)
          const at = instantOn(addDays(joined, rng.int(0, span)), rng.int(420, 1260))
          insert.run(nextId(), c.id, c.email, status, 0, status === 'invited' ? 1 : 0, at, at)
        }
      },
    )
  },
}
