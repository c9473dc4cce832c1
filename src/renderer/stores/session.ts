import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { SessionInfo } from '../../contract'
import { useApi } from '../api'

/** The signed-in agent and the lock state, mirrored from the backend (which is the authority). */
export const useSessionStore = defineStore('session', () => {
  const api = useApi()
  const info = ref<SessionInfo | null>(null)
  /** False until the first `session.current` answered, so the UI does not flash the sign-in form. */
  const ready = ref(false)
  /** True when the backend ended the session (not the agent's own sign-out), to say so on sign-in. */
  const endedByBackend = ref(false)

  const agent = computed(() => info.value?.agent ?? null)
  const role = computed(() => info.value?.agent.role ?? null)
  const signedIn = computed(() => info.value !== null)
  const locked = computed(() => info.value?.locked ?? false)
  const lockAfterMinutes = computed(() => info.value?.lockAfterMinutes ?? 15)

  async function load(): Promise<void> {
    try {
      info.value = await api.call('session.current', {})
    } finally {
      ready.value = true
    }
  }

  async function signIn(username: string, password: string): Promise<SessionInfo> {
    info.value = await api.call('session.signIn', { username, password })
    endedByBackend.value = false
    return info.value
  }

  /** Leaves at once; the backend's own 'session.ended' echo then finds nothing to end. */
  async function signOut(): Promise<void> {
    info.value = null
    endedByBackend.value = false
    await api.call('session.signOut', {})
  }

  async function lock(): Promise<void> {
    if (!info.value || info.value.locked) return
    markLocked()
    info.value = await api.call('session.lock', {})
  }

  async function unlock(password: string): Promise<void> {
    info.value = await api.call('session.unlock', { password })
  }

  /** Activity heartbeat; a failure here is not the agent's concern (the next real call reports it). */
  async function heartbeat(): Promise<void> {
    if (!info.value || info.value.locked) return
    await api.call('session.touch', {}).catch(() => undefined)
  }

  async function setLanguage(language: SessionInfo['agent']['language']): Promise<void> {
    if (!info.value) return
    info.value = await api.call('session.setLanguage', { language })
  }

  /** The backend locked us (inactivity sweep, another call saw SESSION_LOCKED): show the overlay. */
  function markLocked(): void {
    if (info.value && !info.value.locked) info.value = { ...info.value, locked: true }
  }

  /** The backend forgot the session (signed out elsewhere, restarted, agent deactivated). */
  function markEnded(): void {
    if (info.value) endedByBackend.value = true
    info.value = null
  }

  api.on('session.locked', markLocked)
  api.on('session.ended', markEnded)

  return {
    info,
    ready,
    endedByBackend,
    agent,
    role,
    signedIn,
    locked,
    lockAfterMinutes,
    load,
    signIn,
    signOut,
    lock,
    unlock,
    heartbeat,
    setLanguage,
    markLocked,
    markEnded,
  }
})
