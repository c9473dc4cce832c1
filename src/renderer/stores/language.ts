import { inject, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { Language } from '../../contract'
import { i18nKey, isLanguage } from '../i18n'
import { useSessionStore } from './session'

const STORAGE_KEY = 'gasdesk.language'

/** The language last chosen on this workstation (used before anyone signs in). */
export function storedLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLanguage(value) ? value : null
  } catch {
    return null
  }
}

/**
 * The UI language. Signed in, it follows the agent's saved preference and a switch is saved with
 * `session.setLanguage`; signed out, the choice is kept in this workstation's local storage.
 */
export const useLanguageStore = defineStore('language', () => {
  const provided = inject(i18nKey)
  if (!provided) throw new Error('GasDesk i18n not provided')
  const i18n = provided
  const session = useSessionStore()
  const current = ref<Language>(i18n.global.locale.value)

  function apply(language: Language): void {
    current.value = language
    i18n.global.locale.value = language
    if (typeof document !== 'undefined') document.documentElement.lang = language
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, language)
    } catch {
      // Storage can be disabled; the language still applies for this run.
    }
  }

  async function choose(language: Language): Promise<void> {
    const previous = current.value
    apply(language)
    if (!session.signedIn) return
    try {
      await session.setLanguage(language)
    } catch (e) {
      apply(previous)
      throw e
    }
  }

  if (typeof document !== 'undefined') document.documentElement.lang = current.value

  // Signing in switches to the agent's own language.
  watch(
    () => session.agent?.language,
    (language) => {
      if (language && language !== current.value) apply(language)
    },
    { immediate: true },
  )

  return { current, choose, apply }
})
