import type {
  Agent,
  ApiClient,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
  SessionInfo,
  Settings,
  SyncStatus,
} from '../../src/contract'
import { methods } from '../../src/contract'
import { ApiCallError } from '../../src/renderer/api'

interface FakeAgent extends Agent {
  password: string
}

/**
 * An in-memory backend behind the ApiClient interface, with the behaviour the shell relies on: password
 * checks with a rate limit, lock/unlock, role checks, settings and sync status, and events. Every call is
 * recorded so tests can check what the renderer asked for.
 */
export class FakeApi implements ApiClient {
  readonly calls: { method: MethodName; input: unknown }[] = []
  agents: FakeAgent[] = [
    {
      id: 'a1',
      username: 'liga',
      displayName: 'Līga Ozoliņa',
      role: 'agent',
      language: 'lv',
      password: 'liga-demo',
    },
    {
      id: 'a2',
      username: 'olga',
      displayName: 'Ольга Петрова',
      role: 'agent',
      language: 'ru',
      password: 'olga-demo',
    },
    {
      id: 'a3',
      username: 'janis',
      displayName: 'Jānis Bērziņš',
      role: 'supervisor',
      language: 'lv',
      password: 'janis-demo',
    },
  ]
  session: { agentId: string; locked: boolean } | null = null
  settings: Settings = { lockAfterMinutes: 15, sessionMaxHours: 10 }
  sync: SyncStatus = {
    online: true,
    pending: 0,
    oldestPendingAt: null,
    rejected: 0,
    conflicts: 0,
    lastPushAt: null,
    lastPullAt: null,
    state: 'online',
    clockSuspect: false,
    central: null,
    workstation: null,
    centre: null,
    lastError: null,
    nextRetryAt: null,
  }
  failures = 0
  private handlers = new Map<string, Set<(payload: unknown) => void>>()

  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    const set = this.handlers.get(event) ?? new Set()
    this.handlers.set(event, set)
    set.add(handler as (payload: unknown) => void)
    return () => set.delete(handler as (payload: unknown) => void)
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const h of this.handlers.get(event) ?? []) h(payload)
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input)
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    this.calls.push({ method, input })
    await Promise.resolve()
    const spec = methods[method]
    const parsed = spec.input.safeParse(input)
    if (!parsed.success) throw new ApiCallError({ code: 'VALIDATION', messageKey: 'errors.VALIDATION' })
    if (spec.access !== 'public') {
      const agent = this.currentAgent()
      if (!agent) throw new ApiCallError({ code: 'UNAUTHENTICATED', messageKey: 'errors.UNAUTHENTICATED' })
      if (this.session?.locked && !spec.whileLocked) {
        throw new ApiCallError({ code: 'SESSION_LOCKED', messageKey: 'errors.SESSION_LOCKED' })
      }
      if (!spec.access.includes(agent.role))
        throw new ApiCallError({ code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN' })
    }
    return this.handle(method, parsed.data as Record<string, unknown>) as MethodOutput<M>
  }

  /** How many activity heartbeats the renderer sent. */
  touches = 0

  private currentAgent(): FakeAgent | undefined {
    return this.session ? this.agents.find((a) => a.id === this.session!.agentId) : undefined
  }

  private info(): SessionInfo {
    const { password: _password, ...agent } = this.currentAgent()!
    return { agent, locked: this.session!.locked, lockAfterMinutes: this.settings.lockAfterMinutes }
  }

  private checkPassword(agent: FakeAgent | undefined, password: string): void {
    if (this.failures >= 3) {
      throw new ApiCallError({
        code: 'RATE_LIMITED',
        messageKey: 'errors.RATE_LIMITED',
        details: { retryAfterSeconds: 30 },
      })
    }
    if (!agent || agent.password !== password) {
      this.failures++
      throw new ApiCallError({ code: 'UNAUTHENTICATED', messageKey: 'errors.signInFailed' })
    }
    this.failures = 0
  }

  private handle(method: MethodName, input: Record<string, unknown>): unknown {
    switch (method) {
      case 'app.info':
        return {
          version: '0.0.0-test',
          schemaVersion: 1,
          workstationId: 'ws-test',
          shell: 'test',
          storage: 'ok',
        }
      case 'session.current':
        return this.session ? this.info() : null
      case 'session.signIn': {
        const agent = this.agents.find((a) => a.username === input.username)
        this.checkPassword(agent, input.password as string)
        this.session = { agentId: agent!.id, locked: false }
        return this.info()
      }
      case 'session.lock':
        this.session!.locked = true
        this.emit('session.locked', { reason: 'manual' })
        return this.info()
      case 'session.unlock':
        this.checkPassword(this.currentAgent(), input.password as string)
        this.session!.locked = false
        return this.info()
      case 'session.touch':
        this.touches++
        return null
      case 'session.signOut':
        this.session = null
        this.emit('session.ended', {})
        return null
      case 'session.setLanguage':
        this.currentAgent()!.language = input.language as Agent['language']
        return this.info()
      case 'sync.status':
      case 'sync.now':
        return this.sync
      case 'settings.get':
        return this.settings
      case 'settings.update':
        this.settings = { ...this.settings, ...(input as Partial<Settings>) }
        return this.settings
      default:
        throw new ApiCallError({ code: 'UNKNOWN_METHOD', messageKey: 'errors.UNKNOWN_METHOD' })
    }
  }
}
