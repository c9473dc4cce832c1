import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { DocumentReport } from '../../core/signatures/result'
import type { TrustStore } from '../signatures'
import { validationWorkerEntry, type WorkerEntry } from './entry'
import { asBuffer, transferable, type JobMessage, type ResultMessage } from './protocol'

/**
 * Signed-document validation off the backend's thread: a small pool of worker threads, each job capped
 * in heap (V8 resourceLimits) and time. A job over a cap ends with a ValidationLimitError, its worker is
 * thrown away (a fresh one takes its place on demand), and the backend thread never stalls on a file.
 */
export type LimitKind = 'memory' | 'time' | 'crashed' | 'busy' | 'closed'

export class ValidationLimitError extends Error {
  constructor(
    readonly kind: LimitKind,
    readonly limits: { memoryMb: number; timeoutMs: number; maxQueued: number },
  ) {
    super(`document validation stopped: ${kind}`)
  }
}

export interface PoolOptions {
  /** Worker threads (default: one less than the cores, at least 2, at most 4). */
  size?: number
  /** Jobs waiting for a free worker before new ones are refused as 'busy'. */
  maxQueued?: number
  /** Old-generation heap cap per worker in MB. */
  memoryMb?: number
  /** Wall-time cap per job in ms, counted from when a worker starts it. */
  timeoutMs?: number
  /** An idle worker is ended after this long (its heap and trust copy are freed). */
  idleMs?: number
  entry?: WorkerEntry
}

export interface ValidationJob {
  bytes: Buffer
  fileName: string
  validationTime: Date
  trustStore: TrustStore
  content?: Buffer
}

/** The report, and the job's bytes handed back (they were moved to the worker, not copied). */
export interface ValidationResult {
  report: DocumentReport
  bytes: Buffer
}

interface Pending {
  job: ValidationJob
  resolve(r: ValidationResult): void
  reject(e: Error): void
}

interface Slot {
  worker: Worker
  ready: boolean
  dead: boolean
  trustKey: number
  running: (Pending & { id: number; timer: NodeJS.Timeout }) | null
  idleTimer: NodeJS.Timeout | null
}

export const DEFAULT_POOL = { maxQueued: 32, memoryMb: 256, timeoutMs: 20_000, idleMs: 120_000 }

export function defaultPoolSize(): number {
  return Math.min(4, Math.max(2, availableParallelism() - 1))
}

const trustKeys = new WeakMap<TrustStore, number>()
let nextTrustKey = 1

export class ValidationPool {
  readonly size: number
  readonly limits: { memoryMb: number; timeoutMs: number; maxQueued: number }
  private readonly idleMs: number
  private readonly entry: WorkerEntry | undefined
  private readonly slots: Slot[] = []
  private readonly queue: Pending[] = []
  private readonly exits = new Set<Promise<unknown>>()
  private nextId = 1
  private closed = false

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultPoolSize())
    this.limits = {
      memoryMb: options.memoryMb ?? DEFAULT_POOL.memoryMb,
      timeoutMs: options.timeoutMs ?? DEFAULT_POOL.timeoutMs,
      maxQueued: options.maxQueued ?? DEFAULT_POOL.maxQueued,
    }
    this.idleMs = options.idleMs ?? DEFAULT_POOL.idleMs
    this.entry = options.entry
  }

  /** Worker threads alive now (started lazily, on the first jobs). */
  get threads(): number {
    return this.slots.length
  }

  /**
   * Validates in a worker. A large `job.bytes` is moved to the worker and back, so the caller's Buffer is
   * empty meanwhile (and after a refusal): use the `bytes` of the result.
   */
  validate(job: ValidationJob): Promise<ValidationResult> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new ValidationLimitError('closed', this.limits))
      if (this.queue.length >= this.limits.maxQueued)
        return reject(new ValidationLimitError('busy', this.limits))
      this.queue.push({ job, resolve, reject })
      this.pump()
    })
  }

  /** Ends every worker; queued and running jobs end with 'closed'. Resolves when all threads are gone. */
  async close(): Promise<void> {
    this.closed = true
    for (const p of this.queue.splice(0)) p.reject(new ValidationLimitError('closed', this.limits))
    for (const slot of [...this.slots]) this.retire(slot, 'closed')
    await Promise.all([...this.exits])
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.running)
      if (slot) {
        this.start(slot, this.queue.shift()!)
        continue
      }
      const booting = this.slots.filter((s) => !s.ready).length
      if (booting >= this.queue.length || this.slots.length >= this.size) return
      this.spawn()
    }
  }

  private spawn(): Slot {
    const entry = this.entry ?? validationWorkerEntry()
    const worker = new Worker(entry.filename, {
      ...entry.options,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
    })
    const slot: Slot = { worker, ready: false, dead: false, trustKey: 0, running: null, idleTimer: null }
    this.slots.push(slot)
    const exited: Promise<void> = new Promise((resolve) =>
      worker.once('exit', () => {
        this.retire(slot, 'crashed')
        this.exits.delete(exited)
        resolve()
      }),
    )
    this.exits.add(exited)
    worker.on('message', (m: ResultMessage | { ready: true }) => {
      if ('ready' in m) {
        // Loaded: the time cap counts validation only, never the worker's start-up.
        slot.ready = true
        this.pump()
        this.idle(slot)
      } else this.finished(slot, m)
    })
    worker.once('error', (e: Error & { code?: string }) =>
      this.retire(slot, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crashed'),
    )
    return slot
  }

  private start(slot: Slot, p: Pending): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    slot.idleTimer = null
    slot.worker.ref()
    const id = this.nextId++
    let key = trustKeys.get(p.job.trustStore)
    if (key === undefined) trustKeys.set(p.job.trustStore, (key = nextTrustKey++))
    const message: JobMessage = {
      id,
      bytes: p.job.bytes,
      fileName: p.job.fileName,
      validationTimeMs: p.job.validationTime.getTime(),
      trustKey: key,
      ...(p.job.content ? { content: p.job.content } : {}),
      ...(slot.trustKey !== key
        ? { trust: { services: p.job.trustStore.services, testAnchors: p.job.trustStore.testAnchors } }
        : {}),
    }
    const timer = setTimeout(() => this.retire(slot, 'time'), this.limits.timeoutMs)
    slot.running = { ...p, id, timer }
    slot.trustKey = key
    try {
      slot.worker.postMessage(message, transferable(p.job.bytes))
    } catch {
      // An ArrayBuffer Node will not let go of (marked untransferable): cloned instead.
      slot.worker.postMessage(message)
    }
  }

  private finished(slot: Slot, m: ResultMessage): void {
    const run = slot.running
    if (!run || run.id !== m.id) return
    clearTimeout(run.timer)
    slot.running = null
    if ('report' in m) run.resolve({ report: m.report, bytes: asBuffer(m.bytes) })
    else run.reject(new Error(`validation worker: ${m.error}`))
    this.idle(slot)
    this.pump()
  }

  /** An idle worker does not keep the process alive, and ends after idleMs. */
  private idle(slot: Slot): void {
    if (slot.dead || slot.running) return
    slot.worker.unref()
    slot.idleTimer = setTimeout(() => this.retire(slot, 'closed'), this.idleMs)
    slot.idleTimer.unref()
  }

  private retire(slot: Slot, kind: LimitKind): void {
    if (slot.dead) return
    slot.dead = true
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    const at = this.slots.indexOf(slot)
    if (at >= 0) this.slots.splice(at, 1)
    const run = slot.running
    slot.running = null
    void slot.worker.terminate()
    if (run) {
      clearTimeout(run.timer)
      run.reject(new ValidationLimitError(kind, this.limits))
    }
    if (this.closed) return
    // A worker that could not even start would fail again: refuse what waits instead of looping.
    if (!slot.ready && kind !== 'closed')
      for (const p of this.queue.splice(0)) p.reject(new ValidationLimitError('crashed', this.limits))
    // The next queued job gets a fresh worker.
    this.pump()
  }
}
