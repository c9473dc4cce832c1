import { ApiError, type Agent, type FollowUpItem, type WorkQueues } from '../../../contract'
import { rigaToday } from '../../../core/calendar'
import { workQueue, type FollowUpRow } from '../../../core/lifecycle'
import type { Db } from '../../db/open'
import { customerNameSql } from '../customers/rows'
import { followUpById } from './rows'
import { queueViewer } from './teams'

const placeholders = (n: number) => (n ? Array.from({ length: n }, () => '?').join(', ') : 'NULL')

/**
 * The home page's queues. SQL narrows the follow-ups to the open ones due by today that could be the
 * viewer's (index-backed: by assignee, then due date); the core's `workQueue` decides which are, and
 * sorts them. Documents without a decision and estimates sent back for re-assessment are the
 * workstation's, the same for everyone.
 */
export function workQueues(
  db: Db,
  agent: Agent,
  nowMs: number,
  scope: 'mine' | 'team',
  limit: number,
): WorkQueues {
  if (scope === 'team' && agent.role !== 'supervisor')
    throw new ApiError('FORBIDDEN', 'interactions.errors.teamQueueForSupervisors')
  const today = rigaToday(nowMs)
  const viewer = queueViewer(db, agent)
  const agents = scope === 'team' ? [agent.id, ...(viewer.memberAgentIds ?? [])] : [agent.id]
  const teams = viewer.teamIds
  // Only the columns the rule needs for every candidate; names and topics for the rows shown.
  const candidates = db
    .prepare(
      `SELECT id, assignee_agent_id AS assigneeAgentId, assignee_team_id AS assigneeTeamId,
         due_date AS dueDate, status FROM follow_ups WHERE id IN (
         SELECT id FROM follow_ups WHERE status = 'open' AND assignee_agent_id IS NOT NULL
           AND assignee_agent_id IN (${placeholders(agents.length)}) AND due_date <= ?
         UNION
         SELECT id FROM follow_ups WHERE status = 'open' AND assignee_team_id IS NOT NULL
           AND assignee_team_id IN (${placeholders(teams.length)}) AND due_date <= ?)`,
    )
    .all(...agents, today, ...teams, today) as FollowUpRow[]
  const q = workQueue(candidates, { today, viewer, scope })
  const shown = (rows: FollowUpRow[]): FollowUpItem[] =>
    rows.slice(0, limit).map((r) => followUpById(db, r.id)!)

  const documents = db
    .prepare(
      `SELECT d.id, d.customer_id AS customerId, ${customerNameSql('c')} AS customerName, d.filename,
         d.received_at AS receivedAt
       FROM documents d JOIN customers c ON c.id = d.customer_id
       WHERE d.decision IS NULL ORDER BY d.received_at LIMIT ?`,
    )
    .all(limit) as WorkQueues['documents']['items']
  const documentCount = db
    .prepare('SELECT count(*) FROM documents WHERE decision IS NULL')
    .pluck()
    .get() as number

  // Same expression as the partial index readings_reassess (migration 008), so SQLite uses it.
  const REASSESS = `json_extract(r.flags, '$.reassess') = 1 AND r.status = 'estimated'`
  const reassess = db
    .prepare(
      `SELECT r.id, r.meter_id AS meterId, c.id AS customerId, ${customerNameSql('c')} AS customerName,
         m.serial, r.value, r.reading_date AS date
       FROM readings r JOIN meters m ON m.id = r.meter_id JOIN premises p ON p.id = m.premise_id
         JOIN customers c ON c.id = p.customer_id
       WHERE ${REASSESS} ORDER BY r.reading_date, r.rowid LIMIT ?`,
    )
    .all(limit) as WorkQueues['reassess']['items']
  const reassessCount = db
    .prepare(`SELECT count(*) FROM readings r WHERE ${REASSESS}`)
    .pluck()
    .get() as number

  return {
    today,
    scope,
    overdue: { count: q.counts.overdue, items: shown(q.overdue) },
    dueToday: { count: q.counts.dueToday, items: shown(q.dueToday) },
    documents: { count: documentCount, items: documents },
    reassess: { count: reassessCount, items: reassess },
  }
}
