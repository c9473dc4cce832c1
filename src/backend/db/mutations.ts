import type { Db } from './open'
import { uuidv7 } from '../ids'
import { LATEST_SCHEMA_VERSION } from './migrations'
import { isMutationName, mutationSpecs } from '../../contract/sync/mutations'

/** An intent-level change, as it will travel to the central system (SYNC.md). */
export interface MutationSpec {
  /** e.g. `customer.updateContact` */
  name: string
  entityType: string
  entityId: string
  /** The customer whose data this touches, for the audit trail. */
  customerId?: string | null
  /** The server version the agent saw; null for creates. */
  baseVersion?: number | null
  args: unknown
}

export interface MutationActor {
  agentId: string
  workstation: string
  nowMs: number
}

export interface Applied<T> {
  result: T
  before?: unknown
  after?: unknown
  /** Optional free text for the audit row (e.g. why a personal code was revealed). */
  reason?: string
  /**
   * The outbox args when they depend on what `apply` decided (numbers issued inside the transaction);
   * replaces `MutationSpec.args`.
   */
  args?: unknown
}

export interface CommittedMutation<T> {
  result: T
  mutationId: string
  seq: number
}

/**
 * The only way agents change data: the domain write (`apply`), the outbox row and the audit row
 * commit in ONE immediate transaction, so a crash leaves all three or none. `apply` must be
 * synchronous (better-sqlite3 transactions cannot span an await).
 */
export function commitMutation<T>(
  db: Db,
  actor: MutationActor,
  spec: MutationSpec,
  apply: () => Applied<T>,
): CommittedMutation<T> {
  const stmts = statements(db)
  const run = db.transaction((): CommittedMutation<T> => {
    const applied = apply()
    const { next_seq: seq } = stmts.nextSeq.get() as { next_seq: number }
    const mutationId = uuidv7(actor.nowMs)
    const at = new Date(actor.nowMs).toISOString()
    stmts.outbox.run({
      seq,
      mutation_id: mutationId,
      name: spec.name,
      entity_type: spec.entityType,
      entity_id: spec.entityId,
      base_version: spec.baseVersion ?? null,
      args: JSON.stringify((applied.args !== undefined ? applied.args : spec.args) ?? null),
      args_version: argsVersionOf(spec.name),
      schema_version: LATEST_SCHEMA_VERSION,
      agent_id: actor.agentId,
      client_time: at,
    })
    stmts.audit.run({
      at,
      agent_id: actor.agentId,
      workstation: actor.workstation,
      action: spec.name,
      customer_id: spec.customerId ?? null,
      entity_type: spec.entityType,
      entity_id: spec.entityId,
      mutation_id: mutationId,
      before_json: applied.before === undefined ? null : JSON.stringify(applied.before),
      after_json: applied.after === undefined ? null : JSON.stringify(applied.after),
      reason: applied.reason ?? null,
    })
    return { result: applied.result, mutationId, seq }
  })
  const committed = run.immediate()
  for (const f of commitListeners.get(db) ?? []) f()
  return committed
}

const commitListeners = new WeakMap<Db, Set<() => void>>()

/** Called after every committed mutation on `db` (the sync client pushes shortly after). */
export function onMutationCommitted(db: Db, listener: () => void): () => void {
  let set = commitListeners.get(db)
  if (!set) commitListeners.set(db, (set = new Set()))
  set.add(listener)
  return () => set.delete(listener)
}

/** The args version a mutation is written at: the contract's latest for its name (SYNC.md upcasting). */
function argsVersionOf(name: string): number {
  return isMutationName(name) ? mutationSpecs[name].latest : 1
}

/** Who did something that is on record: an agent, or (the CLI, a batch run) the workstation alone. */
export type AccessActor = MutationActor | { agentId: null; workstation: string; nowMs: number }

/**
 * Audit rows for things that are not mutations but must be on record (viewing, printing, revealing); with
 * `commitMutation` the only writer of audit rows.
 */
export function recordAccess(
  db: Db,
  actor: AccessActor,
  entry: {
    action: string
    customerId?: string | null
    entityType?: string
    entityId?: string
    reason?: string
    /** For local changes that are not synced (workstation settings): what changed. */
    before?: unknown
    after?: unknown
  },
): void {
  statements(db).audit.run({
    at: new Date(actor.nowMs).toISOString(),
    agent_id: actor.agentId,
    workstation: actor.workstation,
    action: entry.action,
    customer_id: entry.customerId ?? null,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    mutation_id: null,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    reason: entry.reason ?? null,
  })
}

type Statements = ReturnType<typeof prepare>
const cache = new WeakMap<Db, Statements>()
function statements(db: Db): Statements {
  let s = cache.get(db)
  if (!s) {
    s = prepare(db)
    cache.set(db, s)
  }
  return s
}

function prepare(db: Db) {
  return {
    nextSeq: db.prepare(
      'UPDATE sync_state SET next_seq = next_seq + 1 WHERE id = 1 RETURNING next_seq - 1 AS next_seq',
    ),
    outbox:
      db.prepare(`INSERT INTO outbox (seq, mutation_id, name, entity_type, entity_id, base_version, args,
        args_version, schema_version, agent_id, client_time, status)
      VALUES (@seq, @mutation_id, @name, @entity_type, @entity_id, @base_version, @args, @args_version, @schema_version,
        @agent_id, @client_time, 'pending')`),
    audit: db.prepare(`INSERT INTO audit_log (at, agent_id, workstation, action, customer_id, entity_type,
        entity_id, mutation_id, before_json, after_json, reason)
      VALUES (@at, @agent_id, @workstation, @action, @customer_id, @entity_type, @entity_id, @mutation_id,
        @before_json, @after_json, @reason)`),
  }
}
