import { defineStore } from 'pinia'
import type { MethodInput } from '../../contract'
import { useApi } from '../api'
import { showPdfInTab } from './billing'
import { useCustomersStore } from './customers'

/**
 * The customer's self-service portal at the desk: the login (create, reset, lock, unlock, welcome letter)
 * and further users with rights per premise. Each change shows the customer's view as it now is.
 */
export const usePortalStore = defineStore('portal', () => {
  const api = useApi()
  const customers = useCustomersStore()

  /** Loads the customer afresh (a login change answers with the password, not the view). */
  async function reload(customerId: string): Promise<void> {
    customers.show(await api.call('customers.get', { customerId }))
  }

  /** The one-time temporary password is returned once, after the view shows the new login. */
  async function createLogin(customerId: string, email: string) {
    const issued = await api.call('customers.portal.create', { customerId, email })
    await reload(customerId)
    return issued
  }
  async function resetPassword(customerId: string) {
    const issued = await api.call('customers.portal.resetPassword', { customerId })
    await reload(customerId)
    return issued
  }
  async function setLocked(customerId: string, locked: boolean) {
    const view = await api.call(locked ? 'customers.portal.lock' : 'customers.portal.unlock', { customerId })
    customers.show(view)
    return view
  }

  /**
   * The bilingual welcome letter in a tab titled `title`. `tab` is opened by the caller before any await
   * (pop-up blockers); without one the letter replaces the page, as before.
   */
  async function printWelcomeLetter(
    tab: Window | null,
    input: MethodInput<'customers.portal.welcomeLetter'>,
    title: string,
  ): Promise<void> {
    try {
      const r = await api.call('customers.portal.welcomeLetter', input)
      const bytes = Uint8Array.from(atob(r.pdfBase64), (ch) => ch.charCodeAt(0))
      if (!showPdfInTab(tab, [bytes], title))
        window.location.assign(URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })))
    } catch (e) {
      tab?.close()
      throw e
    }
  }

  async function addUser(input: MethodInput<'customers.users.add'>) {
    const view = await api.call('customers.users.add', input)
    customers.show(view)
    return view
  }
  async function setRights(input: MethodInput<'customers.users.setRights'>) {
    const view = await api.call('customers.users.setRights', input)
    customers.show(view)
    return view
  }
  async function revoke(customerId: string, userId: string) {
    const view = await api.call('customers.users.revoke', { customerId, userId })
    customers.show(view)
    return view
  }

  return { reload, createLogin, resetPassword, setLocked, printWelcomeLetter, addUser, setRights, revoke }
})
