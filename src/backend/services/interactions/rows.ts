import type { FollowUpItem, InteractionItem } from '../../../contract'
import type { Statement } from 'better-sqlite3'
import type { Db } from '../../db/open'
import { customerNameSql } from '../customers/rows'

/** Selects a follow-up as FollowUpItem (aliases f, c = customers, i = interactions). */
export const FOLLOW_UP_SELECT = `SELECT f.id, f.customer_id AS customerId, ${customerNameSql('c')} AS customerName,
    c.customer_number AS customerNumber, f.interaction_id AS interactionId, i.topic, f.due_date AS dueDate,
    f.note, f.status, f.assignee_agent_id AS assigneeAgentId,
    (SELECT display_name FROM agents WHERE id = f.assignee_agent_id) AS assigneeAgentName,
    f.assignee_team_id AS assigneeTeamId, (SELECT code FROM teams WHERE id = f.assignee_team_id) AS assigneeTeamCode,
    (SELECT display_name FROM agents WHERE id = f.done_by) AS doneByName, f.done_at AS doneAt
  FROM follow_ups f JOIN customers c ON c.id = f.customer_id JOIN interactions i ON i.id = f.interaction_id`

// Compiled once per database: the queues read up to 40 follow-ups per call, and compiling this join each
// time cost more than running it.
const byIdCache = new WeakMap<Db, Statement>()

export function followUpById(db: Db, id: string): FollowUpItem | undefined {
  let stmt = byIdCache.get(db)
  if (!stmt) byIdCache.set(db, (stmt = db.prepare(`${FOLLOW_UP_SELECT} WHERE f.id = ?`)))
  return stmt.get(id) as FollowUpItem | undefined
}

/** A customer's interactions, newest first, each with its follow-up (at most one per interaction). */
export function listInteractions(db: Db, customerId: string, limit: number): InteractionItem[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.customer_id AS customerId, i.channel, i.direction, i.topic, i.outcome, i.summary,
         i.occurred_at AS occurredAt, a.display_name AS agentName,
         (SELECT id FROM follow_ups WHERE interaction_id = i.id) AS followUpId
       FROM interactions i LEFT JOIN agents a ON a.id = i.agent_id
       WHERE i.customer_id = ? ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?`,
    )
    .all(customerId, limit) as (Omit<InteractionItem, 'followUp'> & { followUpId: string | null })[]
  return rows.map(({ followUpId, ...r }) => ({
    ...r,
    followUp: followUpId ? (followUpById(db, followUpId) ?? null) : null,
  }))
}
