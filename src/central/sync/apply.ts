import { randomUUID } from 'node:crypto'
import {
  MAX_CLOCK_SKEW_MS,
  MIN_SYNC_PROTOCOL_VERSION,
  SYNC_PROTOCOL_VERSION,
  parseMutationArgs,
  redactArgs,
  type FinalOutcome,
  type MutationResult,
  type PushRequest,
  type PushResponse,
  type PushedMutation,
} from '../../contract/sync'
import type { CalendarOptions } from '../../core/calendar/holidays'
import type { Decision, DecisionError } from '../../core/sync/decide/types'
import { authorise, type AgentRole } from '../../core/sync/rights'
import type { WriteTable } from '../../core/sync/rows'
import { isTransient, type Sql, type Tx } from '../db/sql'
import { nextVersion, recordPuts } from './changes'
import { ENTITY_TABLE, HANDLERS, type Handler, type Touches } from './handlers'
import { SyncHttpError } from './http-error'
import { loadState, reserveNumbers } from './load'
import { mergeWrites, rowJson, WRITE_ORDER, writeRows } from './tables'

/** Oldest desk database schema this central accepts pushes from. */
export const MIN_DESK_SCHEMA_VERSION = 1
/** A mutation that fails internally this many times is rejected as server-error and dead-lettered. */
export const MAX_ATTEMPTS = 3
const MAX_TX_RETRIES = 5

export interface ApplyDeps {
  sql: Sql
  now: () => number
  calendar: () => CalendarOptions
  /** Tests replace a handler to make a mutation fail internally (a poison mutation). */
  handlers?: Partial<Record<string, Handler>>
}

export interface Workstation {
  workstationId: string
  centreId: string
}

interface Stored {
  outcome: FinalOutcome
  serverVersion: number | null
  conflictId: string | null
  error: DecisionError | null
  result: Record<string, unknown> | null
}

interface Pending {
  m: PushedMutation
  /** The decision's stored form, once decided. */
  stored?: Stored
  status?: MutationResult['status']
  blockedError?: DecisionError
  deadLetter?: { error: string; attempts: number; args: unknown }
}

/**
 * POST /sync/v1/push (SYNC.md, issue 9 §3). One transaction per batch holding the client's row FOR UPDATE:
 * known seqs answer their stored result (or 409 client-diverged), a gap answers 409 expected-seq, new
 * mutations are validated (upcast), authorised as of now and decided by the core's pure functions on rows
 * loaded one query per table; the writes go out set-oriented, with one commit version for the batch.
 */
export async function push(deps: ApplyDeps, ws: Workstation, req: PushRequest): Promise<PushResponse> {
  if (req.protocolVersion < MIN_SYNC_PROTOCOL_VERSION || req.schemaVersion < MIN_DESK_SCHEMA_VERSION)
    throw new SyncHttpError('upgrade-required', {
      side: 'desk',
      minProtocolVersion: MIN_SYNC_PROTOCOL_VERSION,
      minSchemaVersion: MIN_DESK_SCHEMA_VERSION,
    })
  if (req.protocolVersion > SYNC_PROTOCOL_VERSION)
    throw new SyncHttpError('upgrade-required', { side: 'central', minProtocolVersion: req.protocolVersion })
  let single = false
  for (let attempt = 1; ; attempt++) {
    const nowMs = deps.now()
    try {
      return await deps.sql.transaction((tx) => applyBatch(deps, tx, ws, req, nowMs, single))
    } catch (e) {
      if (e instanceof SyncHttpError) throw e
      if (isTransient(e) && attempt < MAX_TX_RETRIES) continue
      if (!single) {
        // Something failed that the batch cannot attribute (a write, a bug in a decision): run again one
        // mutation at a time, each in a savepoint, to find the poison mutation and let the others through.
        single = true
        continue
      }
      throw e
    }
  }
}

async function applyBatch(
  deps: ApplyDeps,
  tx: Tx,
  ws: Workstation,
  req: PushRequest,
  nowMs: number,
  single: boolean,
): Promise<PushResponse> {
  const now = new Date(nowMs).toISOString()
  const skew = Date.parse(req.clientNow) - nowMs
  const clockSuspect = Math.abs(skew) > MAX_CLOCK_SKEW_MS

  await tx.query(
    'INSERT INTO sync_clients (client_id, workstation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [req.clientId, ws.workstationId],
  )
  const [client] = await tx.query<{ workstation_id: string; last_seq: number }>(
    'SELECT workstation_id, last_seq FROM sync_clients WHERE client_id = $1 FOR UPDATE',
    [req.clientId],
  )
  if (client.workstation_id !== ws.workstationId)
    throw new SyncHttpError('forbidden', { reason: 'client-of-another-workstation' })
  const last = client.last_seq
  const first = req.mutations[0].seq
  if (first > last + 1) throw new SyncHttpError('expected-seq', { expectedSeq: last + 1 })

  const known = req.mutations.filter((m) => m.seq <= last)
  const fresh = req.mutations.filter((m) => m.seq > last)
  const results: MutationResult[] = []

  // Seqs this client already consumed: the same mutation again is a duplicate; another one means the desk's
  // history diverged from what the central holds (a restored or cloned database).
  if (known.length > 0) {
    const rows = await tx.query<{ seq: number; mutation_id: string; outcome: FinalOutcome; result: Stored }>(
      `SELECT s.seq, s.mutation_id, m.outcome, m.result FROM sync_client_seqs s
       JOIN sync_mutations m ON m.mutation_id = s.mutation_id WHERE s.client_id = $1 AND s.seq = ANY($2)`,
      [req.clientId, known.map((m) => m.seq)],
    )
    const bySeq = new Map(rows.map((r) => [r.seq, r]))
    for (const m of known) {
      const r = bySeq.get(m.seq)
      if (!r || r.mutation_id !== m.mutationId)
        throw new SyncHttpError('client-diverged', {
          seq: m.seq,
          storedMutationId: r?.mutation_id ?? '',
          sentMutationId: m.mutationId,
        })
      results.push(resultOf(m, 'duplicate', r.result))
    }
  }

  // Mutation ids decided before under another client id (the desk rotated it and replays): duplicates that
  // consume the new seq.
  const earlier = new Map<string, Stored>()
  if (fresh.length > 0) {
    const rows = await tx.query<{ mutation_id: string; result: Stored }>(
      'SELECT mutation_id, result FROM sync_mutations WHERE mutation_id = ANY($1)',
      [fresh.map((m) => m.mutationId)],
    )
    for (const r of rows) earlier.set(r.mutation_id, r.result)
  }

  // Parse and upcast every new mutation; gather what the decisions will read.
  const handlers = { ...HANDLERS, ...deps.handlers }
  const parsed: {
    p: Pending
    args?: unknown
    handler?: Handler
    touches?: Touches
    error?: DecisionError
  }[] = []
  for (const m of fresh) {
    const p: Pending = { m }
    if (earlier.has(m.mutationId)) {
      p.status = 'duplicate'
      p.stored = earlier.get(m.mutationId)
      parsed.push({ p })
      continue
    }
    const a = parseMutationArgs(m.name, m.argsVersion, m.args, {
      entityId: m.entityId,
      clientTime: m.clientTime,
    })
    const handler = a.ok ? handlers[a.name] : undefined
    if (!a.ok && a.reason === 'invalid') {
      parsed.push({
        p,
        error: {
          code: 'invalid-args',
          messageKey: 'sync.protocol.rejected.invalid-args',
          details: { issues: a.issues },
        },
      })
    } else if (!a.ok || !handler) {
      parsed.push({
        p,
        error: {
          code: 'upgrade-required',
          messageKey: 'sync.protocol.blocked.upgrade-required',
          details: { side: 'central', name: m.name, argsVersion: m.argsVersion },
        },
      })
    } else {
      parsed.push({ p, args: a.args, handler, touches: handler.touches(a.args, m.entityId) })
    }
  }
  const touches = parsed.flatMap((x) => (x.touches ? [x.touches] : []))
  const agents = await loadAgents(
    tx,
    parsed.filter((x) => x.handler).map((x) => x.p.m.agentId),
  )
  const store = await loadState(tx, touches)
  const creates = touches.filter((t) => t.create)
  const numbers = await reserveNumbers(
    tx,
    creates.length,
    creates.reduce((n, t) => n + (t.create?.premises ?? 0), 0),
  )
  const attempts = await loadAttempts(
    tx,
    fresh.map((m) => m.mutationId),
  )
  const calendar = deps.calendar()
  const written = new Map<WriteTable, Map<string, object>>()

  for (const x of parsed) {
    const { p } = x
    if (p.status === 'duplicate') continue
    const m = p.m
    if (x.error) {
      if (x.error.code === 'upgrade-required') {
        p.status = 'blocked'
        p.blockedError = x.error
        break
      }
      p.stored = { outcome: 'rejected', serverVersion: null, conflictId: null, error: x.error, result: null }
      continue
    }
    const forbidden = authorise(agents.get(m.agentId), m.name)
    if (forbidden) {
      p.stored = {
        outcome: 'rejected',
        serverVersion: null,
        conflictId: null,
        error: forbidden,
        result: null,
      }
      continue
    }
    const ctx = {
      now,
      agentId: m.agentId,
      centreId: ws.centreId,
      clockSuspect,
      calendar,
      entityId: m.entityId,
      baseVersion: m.baseVersion,
      issueNumber: (series: 'customer' | 'subscriber') => {
        const n = numbers[series].shift()
        if (!n) throw new Error(`no ${series} number reserved`)
        return n
      },
    }
    let d: Decision
    if (!single) {
      d = x.handler!.decide(store, x.args, ctx)
      if ('writes' in d && d.writes) {
        store.apply(d.writes)
        mergeWrites(written, d.writes)
      }
    } else {
      // One savepoint per mutation: a failure undoes only this mutation's writes.
      await tx.query('SAVEPOINT m')
      try {
        d = x.handler!.decide(store, x.args, ctx)
        if ('writes' in d && d.writes) {
          for (const t of WRITE_ORDER) await writeRows(tx, t, d.writes[t] ?? [])
          store.apply(d.writes)
          mergeWrites(written, d.writes)
        }
        await tx.query('RELEASE SAVEPOINT m')
      } catch (e) {
        await tx.query('ROLLBACK TO SAVEPOINT m')
        const message = e instanceof Error ? e.message : String(e)
        const n = (attempts.get(m.mutationId) ?? 0) + 1
        await tx.query(
          `INSERT INTO sync_attempts (mutation_id, attempts, last_error) VALUES ($1, $2, $3)
           ON CONFLICT (mutation_id) DO UPDATE SET attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, last_at = now()`,
          [m.mutationId, n, message.slice(0, 2000)],
        )
        if (n < MAX_ATTEMPTS) {
          p.status = 'blocked'
          p.blockedError = {
            code: 'retry-later',
            messageKey: 'sync.protocol.blocked.retry-later',
            details: { attempts: n },
          }
          break
        }
        p.deadLetter = { error: message, attempts: n, args: redactArgs(m.name, x.args) }
        p.stored = {
          outcome: 'rejected',
          serverVersion: null,
          conflictId: null,
          error: {
            code: 'server-error',
            messageKey: 'sync.protocol.rejected.server-error',
            details: { attempts: n },
          },
          result: null,
        }
        continue
      }
    }
    if (d.outcome === 'blocked') {
      p.status = 'blocked'
      p.blockedError = d.error
      break
    }
    const table = ENTITY_TABLE[m.entityType] ?? x.handler!.table
    const row = (store[table] as Map<string, { version?: number }>).get(m.entityId)
    p.stored = {
      outcome: d.outcome,
      serverVersion: d.outcome === 'rejected' ? null : (row?.version ?? null),
      conflictId: d.outcome === 'conflict' ? randomUUID() : null,
      error: d.outcome === 'applied' ? null : d.error,
      result: d.outcome === 'applied' ? (d.result ?? null) : null,
    }
  }

  // Writes (set-oriented in batch mode), then the commit version and the partition records.
  if (!single) for (const t of WRITE_ORDER) await writeRows(tx, t, [...(written.get(t)?.values() ?? [])])
  if (written.size > 0) {
    const version = await nextVersion(tx)
    for (const t of WRITE_ORDER) await recordPuts(tx, t, [...(written.get(t)?.keys() ?? [])], version)
  }

  const consumed = parsed.map((x) => x.p).filter((p) => p.stored && p.status !== 'blocked')
  await recordResults(tx, req.clientId, ws, consumed)
  const newLast = consumed.length > 0 ? consumed[consumed.length - 1].m.seq : last
  await tx.query(
    'UPDATE sync_clients SET last_seq = $2, last_push_at = now(), clock_skew_ms = $3 WHERE client_id = $1',
    [req.clientId, Math.max(last, newLast), skew],
  )

  for (const x of parsed) {
    const p = x.p
    if (p.status === 'blocked') {
      results.push({ ...resultOf(p.m, 'blocked', null), error: p.blockedError ?? null })
      break
    }
    if (!p.stored) break
    results.push(resultOf(p.m, p.status === 'duplicate' ? 'duplicate' : p.stored.outcome, p.stored))
  }
  await attachRows(tx, results, req.mutations)
  return { lastSeq: Math.max(last, newLast), results, clockSuspect, serverTime: now }
}

function resultOf(m: PushedMutation, status: MutationResult['status'], s: Stored | null): MutationResult {
  return {
    seq: m.seq,
    mutationId: m.mutationId,
    status,
    outcome: status === 'duplicate' ? (s?.outcome ?? null) : null,
    serverVersion: s?.serverVersion ?? null,
    conflictId: s?.conflictId ?? null,
    error: s?.error ?? null,
    result: s?.result ?? null,
    rows: [],
  }
}

async function loadAgents(tx: Tx, ids: string[]): Promise<Map<string, { role: AgentRole; active: boolean }>> {
  if (ids.length === 0) return new Map()
  const rows = await tx.query<{ id: string; role: AgentRole; active: boolean }>(
    'SELECT id, role, active FROM agents WHERE id = ANY($1)',
    [[...new Set(ids)]],
  )
  return new Map(rows.map((r) => [r.id, r]))
}

async function loadAttempts(tx: Tx, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map()
  const rows = await tx.query<{ mutation_id: string; attempts: number }>(
    'SELECT mutation_id, attempts FROM sync_attempts WHERE mutation_id = ANY($1)',
    [ids],
  )
  return new Map(rows.map((r) => [r.mutation_id, r.attempts]))
}

/** The consumed seqs, their decisions, the conflicts queue and dead letters: one statement each. */
async function recordResults(tx: Tx, clientId: string, ws: Workstation, done: Pending[]): Promise<void> {
  if (done.length === 0) return
  const decided = done.filter((p) => p.status !== 'duplicate')
  if (decided.length > 0)
    await tx.query(
      `INSERT INTO sync_mutations (mutation_id, client_id, seq, name, agent_id, entity_type, entity_id, outcome, result)
       SELECT x.mutation_id, $1, x.seq, x.name, x.agent_id, x.entity_type, x.entity_id, x.outcome, x.result
       FROM jsonb_to_recordset($2::jsonb) AS x(mutation_id uuid, seq bigint, name text, agent_id text,
         entity_type text, entity_id text, outcome text, result jsonb)`,
      [
        clientId,
        JSON.stringify(
          decided.map((p) => ({
            mutation_id: p.m.mutationId,
            seq: p.m.seq,
            name: p.m.name,
            agent_id: p.m.agentId,
            entity_type: p.m.entityType,
            entity_id: p.m.entityId,
            outcome: p.stored!.outcome,
            result: p.stored,
          })),
        ),
      ],
    )
  await tx.query(
    'INSERT INTO sync_client_seqs (client_id, seq, mutation_id) SELECT $1, s, id FROM unnest($2::bigint[], $3::uuid[]) AS u(s, id)',
    [clientId, done.map((p) => p.m.seq), done.map((p) => p.m.mutationId)],
  )
  const conflicts = decided.filter((p) => p.stored!.conflictId)
  if (conflicts.length > 0)
    await tx.query(
      `INSERT INTO sync_conflicts (id, mutation_id, client_id, agent_id, name, entity_type, entity_id, centre_id, code, details)
       SELECT x.id, x.mutation_id, $1, x.agent_id, x.name, x.entity_type, x.entity_id, $2, x.code, x.details
       FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, mutation_id uuid, agent_id text, name text, entity_type text,
         entity_id text, code text, details jsonb)`,
      [
        clientId,
        ws.centreId,
        JSON.stringify(
          conflicts.map((p) => ({
            id: p.stored!.conflictId,
            mutation_id: p.m.mutationId,
            agent_id: p.m.agentId,
            name: p.m.name,
            entity_type: p.m.entityType,
            entity_id: p.m.entityId,
            code: p.stored!.error?.code ?? 'conflict',
            details: { ...(p.stored!.error?.details ?? {}), args: redactArgs(p.m.name, p.m.args) },
          })),
        ),
      ],
    )
  const dead = decided.filter((p) => p.deadLetter)
  if (dead.length > 0)
    await tx.query(
      `INSERT INTO sync_dead_letters (mutation_id, client_id, seq, name, args_version, args, error, attempts)
       SELECT x.mutation_id, $1, x.seq, x.name, x.args_version, x.args, x.error, x.attempts
       FROM jsonb_to_recordset($2::jsonb) AS x(mutation_id uuid, seq bigint, name text, args_version int, args jsonb,
         error text, attempts int)
       ON CONFLICT (mutation_id) DO NOTHING`,
      [
        clientId,
        JSON.stringify(
          dead.map((p) => ({
            mutation_id: p.m.mutationId,
            seq: p.m.seq,
            name: p.m.name,
            args_version: p.m.argsVersion,
            args: p.deadLetter!.args,
            error: p.deadLetter!.error.slice(0, 4000),
            attempts: p.deadLetter!.attempts,
          })),
        ),
      ],
    )
}

/**
 * Rejected and conflict results (first time or duplicate) carry the entity's authoritative row, or a
 * delete when the central has none, so the desk can undo its optimistic change in the same transaction
 * that records the verdict. One query per table.
 */
async function attachRows(tx: Tx, results: MutationResult[], mutations: PushedMutation[]): Promise<void> {
  const byId = new Map(mutations.map((m) => [m.mutationId, m]))
  const needs = results.filter((r) => {
    const o = r.status === 'duplicate' ? r.outcome : r.status
    return o === 'rejected' || o === 'conflict'
  })
  const wanted = new Map<WriteTable, Set<string>>()
  for (const r of needs) {
    const m = byId.get(r.mutationId)!
    const t = ENTITY_TABLE[m.entityType]
    if (!t) continue
    if (!wanted.has(t)) wanted.set(t, new Set())
    wanted.get(t)!.add(m.entityId)
  }
  const found = new Map<string, Record<string, unknown>>()
  for (const [t, ids] of wanted) {
    const rows = await tx.query<{ id: string; row_data: Record<string, unknown> }>(
      `SELECT t.id, ${rowJson(t)} AS row_data FROM ${t} t WHERE t.id = ANY($1)`,
      [[...ids]],
    )
    for (const r of rows) found.set(`${t}:${r.id}`, r.row_data)
  }
  for (const r of needs) {
    const m = byId.get(r.mutationId)!
    const t = ENTITY_TABLE[m.entityType]
    if (!t) continue
    const row = found.get(`${t}:${m.entityId}`) ?? null
    r.rows = [{ type: t, id: m.entityId, op: row ? 'put' : 'delete', row }]
  }
}
