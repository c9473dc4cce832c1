import { ApiError } from '../../../contract'
import type { ReadingValidationResult } from '../../../contract/methods/readings'
import { uuidv7 } from '../../ids'
import { commitMutation, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { evaluate, readingInstant, type CandidateInput } from './candidate'
import { stmt } from './repo'

export interface RecordInput extends CandidateInput {
  channel: 'visit' | 'phone' | 'email' | 'letter'
}

export interface Recorded {
  readingId: string
  validation: ReadingValidationResult
}

/**
 * `reading.record`: validates again on the server, inside the write transaction (so nothing recorded
 * between the dry run and the save can slip past the checks), then writes the reading — source 'agent',
 * on behalf of the premise's customer — with its outbox and audit rows.
 */
export function recordReading(
  db: Db,
  actor: MutationActor,
  input: RecordInput,
  mayCorrect = false,
): Recorded {
  const readingId = uuidv7(actor.nowMs)
  const meterCustomer = stmt(
    db,
    'SELECT p.customer_id FROM meters m JOIN premises p ON p.id = m.premise_id WHERE m.id = ?',
  ).get(input.meterId) as { customer_id: string } | undefined
  const committed = commitMutation(
    db,
    actor,
    {
      name: 'reading.record',
      entityType: 'reading',
      entityId: readingId,
      customerId: meterCustomer?.customer_id ?? null,
      // takenAt: the moment the desk resolved, so the central judges the window as the desk did.
      args: {
        readingId,
        ...input,
        takenAt: new Date(readingInstant(input.date, actor.nowMs)).toISOString(),
      },
    },
    () => {
      const { meter, core, result } = evaluate(db, input, actor.nowMs, mayCorrect)
      if (core.blocked)
        throw new ApiError('VALIDATION', 'readings.errors.blocked', {
          findings: core.findings.filter((f) => f.severity === 'block').map((f) => f.code),
        })
      if (core.needsConfirmation.length > 0)
        throw new ApiError('CONFLICT', 'readings.errors.needsConfirmation', { codes: core.needsConfirmation })
      const outOfWindow = core.outOfWindow
      // The schema wants a period on every row; outside a window it is the month the reading closes
      // (the same anchor the consumption series uses) and out_of_window marks it as not a window reading.
      const period = core.anchorPeriod
      const reason = core.replaces
        ? (input.correctionReason ?? '').trim()
        : outOfWindow
          ? input.outOfWindowReason
          : null
      const flags = {
        findings: core.findings.map((f) => f.code),
        confirmed: input.confirmed ?? [],
        ...(core.estimateToReassess ? { estimateToReassess: core.estimateToReassess.id } : {}),
      }
      const row = {
        id: readingId,
        meter_id: meter.id,
        value: input.value,
        reading_date: core.date,
        period,
        status: core.replaces ? 'corrected' : 'actual',
        channel: input.channel,
        agent_id: actor.agentId,
        on_behalf_of: meter.customer_id,
        out_of_window: outOfWindow ? 1 : 0,
        reason: reason ?? null,
        corrects_reading_id: core.replaces?.id ?? null,
        flags: JSON.stringify(flags),
        created_at: new Date(actor.nowMs).toISOString(),
      }
      stmt(
        db,
        `INSERT INTO readings (id, meter_id, value, reading_date, period, source, status, channel, agent_id,
           on_behalf_of, out_of_window, reason, corrects_reading_id, flags, version, created_at)
         VALUES (@id, @meter_id, @value, @reading_date, @period, 'agent', @status, @channel, @agent_id,
           @on_behalf_of, @out_of_window, @reason, @corrects_reading_id, @flags, 1, @created_at)`,
      ).run(row)
      if (core.estimateToReassess)
        stmt(
          db,
          `UPDATE readings SET flags = json_set(coalesce(flags, '{}'), '$.reassess', json('true'),
             '$.reassessBecause', ?) WHERE id = ?`,
        ).run(readingId, core.estimateToReassess.id)
      return { result, after: row, reason: reason ?? undefined }
    },
  )
  return { readingId, validation: committed.result }
}
