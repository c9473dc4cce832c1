import { ApiError } from '../../contract/errors'
import { message, type DocLanguage } from '../documents/labels'

/**
 * One sentence for a failure a host reports before any agent is signed in (start-up refusals in the
 * browser shell, the Electron error box, the command line): the typed error's message with its details
 * (which file, why), in `lang`. Anything else gives its own message.
 */
export function explain(e: unknown, lang: DocLanguage = 'en'): string {
  if (e instanceof ApiError) {
    const params: Record<string, string | number> = {}
    for (const [k, v] of Object.entries(e.details ?? {})) params[k] = String(v)
    try {
      return message(lang, e.messageKey, params)
    } catch {
      return `${e.code}: ${e.messageKey}`
    }
  }
  return e instanceof Error ? e.message : String(e)
}
