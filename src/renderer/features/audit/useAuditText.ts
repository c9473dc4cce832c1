import { useI18n } from 'vue-i18n'
import { describeAudit, type AuditRecord, type AuditText } from '../../../core/audit/describe'
import type { DisplayLanguage } from '../../../core/format'

/** An audit row in the agent's language: the same description the CSV export writes (src/core/audit). */
export function useAuditText(): (r: AuditRecord) => AuditText {
  const { t, locale } = useI18n()
  return (r) => describeAudit(r, (key, params) => t(key, params ?? {}), locale.value as DisplayLanguage)
}
