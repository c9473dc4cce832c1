import { hostname } from 'node:os'
import {
  BLOB_CHUNK_BYTES,
  DEFAULT_PULL_LIMIT,
  MAX_PULL_WAIT_S,
  SYNC_PROTOCOL_VERSION,
  type EnrolResponse,
} from '../../contract/sync'
import type { SyncState } from '../../contract'
import { backoffDelay } from '../../core/sync/backoff'
import { LATEST_SCHEMA_VERSION } from '../db/migrations'
import { onMutationCommitted } from '../db/mutations'
import type { Db } from '../db/open'
import type { SecretStore } from '../secrets'
import { readContent } from '../services/documents/content'
import { CentralApi, SyncCallError, type Transport } from './api'
import { markInflight, nextBatch, recordVerdicts, toWire, type OutboxRow } from './outbox'
import { applyPage, forgetCursor } from './pull'
import {
  noteError,
  readConfig,
  readCursor,
  readTokens,
  resetInflight,
  rotateClientId,
  saveEnrolment,
  saveTokens,
  type SyncConfig,
} from './state'

export type { SyncState }

export interface SyncClientOptions {
  db: Db
  secrets: SecretStore
  transport: Transport
  now?: () => number
  /** Full-jitter draws (Math.random). */
  random?: () => number
  /** Long-poll seconds between cycles in the loop (25; tests use less). */
  pullWait?: number
  pullLimit?: number
  /** Called whenever the state or the counts may have changed (the status bar). */
  onChange?: () => void
}

export interface CycleReport {
  pushed: number
  rejected: number
  conflicts: number
  pulled: number
  deferred: number
  blocked: string | null
}

/** One sync run per database at a time, whoever asks (the loop, "Sync now", the CLI). */
const flights = new WeakMap<Db, Promise<CycleReport>>()

/** Enrols this workstation once with a supervisor's one-time code; the tokens go to the SecretStore. */
export async function enrolDesk(
  db: Db,
  secrets: SecretStore,
  transport: Transport,
  centralUrl: string,
  code: string,
): Promise<EnrolResponse> {
  const url = centralUrl.replace(/\/+$/u, '')
  const api = new CentralApi(url, transport, () => null)
  const res = await api.enrol({ code: code.trim(), hostName: hostname().slice(0, 120) })
  saveTokens(secrets, res)
  saveEnrolment(db, url, res)
  return res
}

/**
 * The desk's sync client (SYNC.md, issue 9 §5): pushes the outbox in consecutive batches, pulls pages with
 * the cursor, refreshes the 15-minute token before each cycle, and retries with full-jitter backoff from
 * 1 s to 5 min. Offline work never waits for it.
 */
export class SyncClient {
  state: SyncState
  failures = 0
  nextRetryAt: number | null = null
  private stopped = true
  private wake: (() => void) | null = null
  private poll: AbortController | null = null
  private loop: Promise<void> | null = null
  private unsubscribe: (() => void) | null = null
  private readonly now: () => number
  private readonly random: () => number

  constructor(private readonly o: SyncClientOptions) {
    this.now = o.now ?? Date.now
    this.random = o.random ?? Math.random
    this.state = readConfig(o.db) ? 'offline' : 'not-enrolled'
    // Rows a killed desk left on the wire are sent again.
    resetInflight(o.db)
  }

  get config(): SyncConfig | null {
    return readConfig(this.o.db)
  }

  /** One push-then-pull run; joins a run already in flight on this database. */
  cycle(): Promise<CycleReport> {
    const running = flights.get(this.o.db)
    if (running) return running
    const p = this.run().finally(() => flights.delete(this.o.db))
    flights.set(this.o.db, p)
    return p
  }

  /** Runs cycles until stop(): after each, a long poll; after a failure, the backoff. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.unsubscribe = onMutationCommitted(this.o.db, () => this.syncNow())
    this.loop = this.runLoop()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    this.poll?.abort()
    this.wake?.()
    await this.loop
    await flights.get(this.o.db)?.catch(() => undefined)
  }

  /** "Sync now" and every local commit: cut the wait short. */
  syncNow(): void {
    this.poll?.abort()
    this.wake?.()
  }

  private async runLoop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.cycle()
        if (this.stopped) break
        await this.longPoll()
      } catch {
        if (this.stopped) break
        const delay = backoffDelay(this.failures, this.random)
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delay)
          this.wake = () => {
            clearTimeout(t)
            resolve()
          }
        })
        this.wake = null
      }
    }
  }

  private setState(s: SyncState): void {
    if (this.state !== s) {
      this.state = s
      this.o.onChange?.()
    }
  }

  private async run(): Promise<CycleReport> {
    const config = readConfig(this.o.db)
    if (!config) {
      this.setState('not-enrolled')
      throw new SyncCallError('http', 401, null, 'this workstation is not enrolled')
    }
    this.setState('syncing')
    try {
      const api = await this.api(config)
      const report: CycleReport = {
        pushed: 0,
        rejected: 0,
        conflicts: 0,
        pulled: 0,
        deferred: 0,
        blocked: null,
      }
      await this.push(api, report)
      await this.pullAll(api, report, 0)
      await api
        .ack({ clientId: readConfig(this.o.db)!.clientId, cursor: readCursor(this.o.db) ?? '' })
        .catch(() => undefined)
      this.failures = 0
      this.nextRetryAt = null
      noteError(this.o.db, null, null)
      this.setState('online')
      return report
    } catch (e) {
      this.fail(e)
      throw e
    }
  }

  private fail(e: unknown): void {
    this.failures++
    const err = e instanceof SyncCallError ? e : new SyncCallError('network', 0, null, String(e))
    const state: SyncState =
      err.status === 401 ? 'needs-sign-in' : err.status === 426 ? 'update-required' : 'offline'
    const ceiling = backoffDelay(this.failures, () => 1)
    this.nextRetryAt = this.now() + ceiling
    noteError(
      this.o.db,
      {
        code: err.code,
        messageKey: err.body?.messageKey ?? `sync.client.errors.${state === 'offline' ? err.kind : state}`,
        at: new Date(this.now()).toISOString(),
      },
      new Date(this.nextRetryAt).toISOString(),
    )
    this.setState(state)
  }

  /** The API with a fresh access token (refreshed when it has less than a minute left). */
  private async api(config: SyncConfig): Promise<CentralApi> {
    let tokens = readTokens(this.o.secrets)
    if (!tokens) throw new SyncCallError('http', 401, null, 'no token: enrol this workstation')
    if (Date.parse(tokens.accessExpiresAt) - this.now() < 60_000) {
      const refresher = new CentralApi(config.centralUrl, this.o.transport, () => null)
      const fresh = await refresher.refresh(tokens.refreshToken)
      saveTokens(this.o.secrets, fresh)
      tokens = fresh
    }
    const access = tokens.accessToken
    return new CentralApi(config.centralUrl, this.o.transport, () => access)
  }

  private async push(api: CentralApi, report: CycleReport): Promise<void> {
    const db = this.o.db
    let resendFrom: number | null = null
    let gaps = 0
    for (;;) {
      const batch = nextBatch(db, resendFrom)
      if (batch.length === 0) return
      await this.uploadBlobs(api, batch)
      markInflight(db, batch)
      let res
      try {
        res = await api.push({
          protocolVersion: SYNC_PROTOCOL_VERSION,
          clientId: readConfig(db)!.clientId,
          schemaVersion: LATEST_SCHEMA_VERSION,
          clientNow: new Date(this.now()).toISOString(),
          mutations: batch.map(toWire),
        })
      } catch (e) {
        resetInflight(db)
        const code = e instanceof SyncCallError ? e.body?.code : undefined
        if (code === 'expected-seq' && e instanceof SyncCallError && e.body?.code === 'expected-seq') {
          // The central lost (or never got) the tail we think it has: resend from where it stands; if we
          // trimmed those rows already, only a new client id can carry on.
          const expected = e.body.details.expectedSeq
          const have = db.prepare('SELECT 1 FROM outbox WHERE seq = ?').get(expected)
          if (!have || ++gaps > 3) {
            rotateClientId(db)
            resendFrom = null
          } else resendFrom = expected
          continue
        }
        if (code === 'client-diverged') {
          rotateClientId(db)
          resendFrom = null
          gaps = 0
          continue
        }
        throw e
      }
      const s = recordVerdicts(db, batch, res, this.now())
      resendFrom = null
      report.pushed += s.applied
      report.rejected += s.rejected
      report.conflicts += s.conflicts
      this.o.onChange?.()
      if (s.blocked) {
        report.blocked = s.blocked.code
        return
      }
      if (res.results.length === 0) return
    }
  }

  /** A mutation naming a blob goes only after its bytes are complete on the central (tus, resumable). */
  private async uploadBlobs(api: CentralApi, batch: OutboxRow[]): Promise<void> {
    for (const r of batch) {
      if (r.name !== 'document.add' || r.status !== 'pending') continue
      const args = JSON.parse(r.args) as { sha256: string }
      const content = readContent(this.o.db, r.entity_id)
      if (!content) continue
      let { offset, complete } = await api.blobOffset(args.sha256)
      while (!complete && offset < content.length) {
        const chunk = content.subarray(offset, Math.min(offset + BLOB_CHUNK_BYTES, content.length))
        ;({ offset, complete } = await api.blobPatch(args.sha256, offset, content.length, chunk))
      }
    }
  }

  private async pullAll(api: CentralApi, report: CycleReport, wait: number, signal?: AbortSignal) {
    const db = this.o.db
    let restarted = false
    for (;;) {
      let page
      try {
        page = await api.pull(
          {
            clientId: readConfig(db)!.clientId,
            cursor: readCursor(db) ?? undefined,
            limit: this.o.pullLimit ?? DEFAULT_PULL_LIMIT,
            wait,
          },
          signal,
        )
      } catch (e) {
        if (e instanceof SyncCallError && e.body?.code === 'purged' && !restarted) {
          // Too long offline: the deletes we missed are gone from the central; start over from a bootstrap.
          forgetCursor(db)
          restarted = true
          continue
        }
        throw e
      }
      const s = applyPage(db, page, this.now())
      report.pulled += s.applied
      report.deferred += s.deferred
      if (s.applied + s.deferred > 0) this.o.onChange?.()
      if (!page.hasMore) return
      wait = 0
    }
  }

  /** Waits for the central's next change (or a local commit, or "Sync now"), and applies it. */
  private async longPoll(): Promise<void> {
    const config = readConfig(this.o.db)
    if (!config) return
    this.poll = new AbortController()
    try {
      const api = await this.api(config)
      const wait = Math.min(this.o.pullWait ?? MAX_PULL_WAIT_S, MAX_PULL_WAIT_S)
      const report: CycleReport = {
        pushed: 0,
        rejected: 0,
        conflicts: 0,
        pulled: 0,
        deferred: 0,
        blocked: null,
      }
      await this.pullAll(api, report, wait, this.poll.signal)
    } catch (e) {
      if (this.poll.signal.aborted) return
      throw e
    } finally {
      this.poll = null
    }
  }
}
