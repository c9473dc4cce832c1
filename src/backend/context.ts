import type { z } from 'zod'
import type { Agent, MethodName, MethodOutput, Methods } from '../contract'
import type { Clock } from './clock'
import type { Db } from './db/open'
import type { EventBus } from './events'
import type { MutationActor } from './db/mutations'
import type { DesktopPort } from './desktop'
import type { SecretStore } from './secrets'
import type { StorageHealth } from './db/health'
import type { SyncClient } from './sync/client'
import type { ValidationPool } from './validation/pool'

export interface BackendContext {
  db: Db
  clock: Clock
  events: EventBus
  workstation: { clientId: string; name: string }
  shell: 'electron' | 'browser' | 'test'
  version: string
  /** Where the shipped resources (fonts, trust lists) live. */
  resourcesDir: string
  /**
   * The workstation's trust folder (lists installed by `gasdesk trust import`, the verified-list cache):
   * `trust/` beside the database in both shells. Unset (tests): the shipped snapshots only.
   */
  trustHome?: string | null
  /** Print and save dialogs; only the Electron shell has them. */
  desktop?: DesktopPort
  /** Sync token and enrolment secret (src/backend/secrets.ts); each shell brings its own store. */
  secrets?: SecretStore
  /** Disk-full and damage watch over the database file (createBackend sets it). */
  storage?: StorageHealth
  /** The sync client, when the shell gave a transport and a secret store (createBackend sets it). */
  sync?: SyncClient
  /** Signed-document validation in worker threads (validation/pool.ts); createBackend owns it. */
  validation: ValidationPool
}

export interface Session {
  key: string
  agent: Agent
  locked: boolean
  lastActivityMs: number
  /** Sign-in time: the session ends a working day (settings.sessionMaxHours) later, whatever happens. */
  startedMs: number
}

export interface CallContext {
  ctx: BackendContext
  sessionKey: string
  /** Present for every non-public method. */
  session: Session | null
}

/** The actor for commitMutation, taken from a signed-in call. */
export function actorOf(call: CallContext): MutationActor {
  if (!call.session) throw new Error('actorOf called without a session')
  return {
    agentId: call.session.agent.id,
    workstation: call.ctx.workstation.name,
    nowMs: call.ctx.clock.now(),
  }
}

export type Handler<M extends MethodName> = (
  input: z.output<Methods[M]['input']>,
  call: CallContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>

export type Handlers<T> = { [M in keyof T & MethodName]: Handler<M> }
