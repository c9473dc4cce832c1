import { defineStore } from 'pinia'
import { useApi } from '../api'

/**
 * Reports a failure in a part of the screen: the renderer console at once, then the workstation log
 * through `app.logError`, whose reference the section's message shows. Logging never throws: a failure
 * to log must not become a second failure on screen.
 */
export const useErrorLogStore = defineStore('errorLog', () => {
  const api = useApi()

  async function report(section: string, error: unknown, info: string): Promise<string | null> {
    console.error(`[gasdesk] ${section} (${info})`, error)
    const e = error instanceof Error ? error : new Error(String(error))
    try {
      const { ref } = await api.call('app.logError', {
        section: section.slice(0, 40),
        message: `${e.name}: ${e.message}`.slice(0, 2000),
        info: info.slice(0, 200),
        stack: e.stack ? e.stack.slice(0, 8000) : null,
      })
      return ref
    } catch {
      return null
    }
  }

  return { report }
})
