import { defineStore } from 'pinia'
import type { CustomerView, MethodInput } from '../../contract'
import { useApi } from '../api'
import { useCustomersStore } from './customers'

/**
 * Changes to the open customer's record and what is read about it on demand: contacts, language,
 * consents (with undo and history), the revealed personal code, the subject-access export and the audit
 * trail. A change answers with the customer's new view, which the customer view shows at once.
 */
export const useCustomerRecordStore = defineStore('customer-record', () => {
  const api = useApi()
  const customers = useCustomersStore()

  async function changed(view: Promise<CustomerView>): Promise<CustomerView> {
    const v = await view
    customers.show(v)
    return v
  }

  return {
    revealPersonalCode: (customerId: string, reason: string) =>
      api.call('customers.revealPersonalCode', { customerId, reason }),
    updateContacts: (input: MethodInput<'customers.updateContacts'>) =>
      changed(api.call('customers.updateContacts', input)),
    setLanguage: (input: MethodInput<'customers.setLanguage'>) =>
      changed(api.call('customers.setLanguage', input)),
    setConsent: (input: MethodInput<'customers.setConsent'>) =>
      changed(api.call('customers.setConsent', input)),
    undoConsent: (customerId: string, consentId: string) =>
      changed(api.call('customers.undoConsent', { customerId, consentId })),
    consentHistory: (customerId: string) => api.call('customers.consentHistory', { customerId }),
    exportData: (customerId: string, reason: string) => api.call('customers.export', { customerId, reason }),
    auditTrail: async (customerId: string, limit = 200) =>
      (await api.call('customers.audit', { customerId, limit })).entries,
  }
})
