/**
 * Every action the audit log records, in one list: the customer's audit trail, the supervisor's audit log
 * and its CSV export label each of them in the agent's language (a test keeps this list, the backend's
 * audit writes and the three locale files in step).
 */
export const AUDIT_ACTIONS = [
  'customer.view',
  'customer.create',
  'customer.updateContact',
  'customer.setLanguage',
  'customer.revealPersonalCode',
  'customer.export',
  'customer.findDuplicates',
  'customer.codeLookupsLimited',
  'consent.grant',
  'consent.withdraw',
  'consent.undo',
  'portal.createLogin',
  'portal.resetPassword',
  'portal.lock',
  'portal.unlock',
  'portal.printWelcomeLetter',
  'portalUser.add',
  'portalUser.setRights',
  'portalUser.revoke',
  'reading.record',
  'interaction.log',
  'followUp.complete',
  'print.invoice',
  'print.statement',
  'document.add',
  'document.view',
  'document.file',
  'document.decide',
  'document.revalidate',
  'document.setTrustTestPki',
  'settings.update',
  'faq.update',
  'audit.export',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value)
}

/** Locale keys cannot contain dots: `customer.create` is `customers.audit.actions.customer_create`. */
export const auditActionKey = (action: string): string =>
  `customers.audit.actions.${action.replace(/\./gu, '_')}`
