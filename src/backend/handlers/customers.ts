import type { customerMethods } from '../../contract/methods/customers'
import { ApiError } from '../../contract'
import { actorOf, type CallContext, type Handlers } from '../context'
import { rigaToday } from '../../core/calendar'
import { customerAudit, recordCustomerView, revealPersonalCode } from '../services/customers/audit'
import { setConsent, setLanguage, undoConsent, updateContacts } from '../services/customers/contacts'
import { createCustomer, findDuplicates } from '../services/customers/create'
import { exportCustomer } from '../services/customers/export'
import {
  createLogin,
  isCurrentTemporaryPassword,
  resetPassword,
  setLocked,
} from '../services/customers/portal'
import { searchCustomers } from '../services/customers/search'
import { loadCustomer } from '../services/customers/rows'
import { consentRows, getCustomerView } from '../services/customers/view'
import { addUser, revokeUser, setUserRights } from '../services/customers/users'
import { welcomeLetterPdf } from '../services/customers/welcome'

const today = (call: CallContext) => rigaToday(call.ctx.clock.now())
// The viewer decides which consent choices the signed-in agent may still undo.
const view = (call: CallContext, customerId: string) =>
  getCustomerView(call.ctx.db, customerId, { agentId: call.session!.agent.id, nowMs: call.ctx.clock.now() })

export function customerHandlers(): Handlers<typeof customerMethods> {
  return {
    'customers.search': (input, call) =>
      searchCustomers(call.ctx.db, input.query, input.limit ?? 20, actorOf(call)),
    'customers.get': (input, call) => {
      const v = view(call, input.customerId)
      recordCustomerView(call.ctx.db, actorOf(call), v.id)
      return v
    },
    'customers.revealPersonalCode': (input, call) => ({
      personalCode: revealPersonalCode(call.ctx.db, actorOf(call), input.customerId, input.reason),
    }),
    'customers.findDuplicates': (input, call) => ({
      duplicates: findDuplicates(call.ctx.db, actorOf(call), input.draft, input.reason),
    }),
    'customers.create': (input, call) =>
      createCustomer(call.ctx.db, actorOf(call), input.draft, input.ignoreDuplicates ?? false, today(call)),
    'customers.updateContacts': (input, call) => {
      updateContacts(call.ctx.db, actorOf(call), input)
      return view(call, input.customerId)
    },
    'customers.setLanguage': (input, call) => {
      setLanguage(call.ctx.db, actorOf(call), input)
      return view(call, input.customerId)
    },
    'customers.setConsent': (input, call) => {
      setConsent(call.ctx.db, actorOf(call), input)
      return view(call, input.customerId)
    },
    'customers.undoConsent': (input, call) => {
      undoConsent(call.ctx.db, actorOf(call), input)
      return view(call, input.customerId)
    },
    'customers.consentHistory': (input, call) => ({
      entries: consentRows(call.ctx.db, loadCustomer(call.ctx.db, input.customerId).id, false, {
        agentId: call.session!.agent.id,
        nowMs: call.ctx.clock.now(),
      }),
    }),
    'customers.audit': (input, call) => ({
      entries: customerAudit(call.ctx.db, input.customerId, input.limit ?? 100),
    }),
    'customers.portal.create': (input, call) =>
      createLogin(call.ctx.db, actorOf(call), input.customerId, input.email),
    'customers.portal.resetPassword': (input, call) =>
      resetPassword(call.ctx.db, actorOf(call), input.customerId),
    'customers.portal.lock': (input, call) => {
      setLocked(call.ctx.db, actorOf(call), input.customerId, true)
      return view(call, input.customerId)
    },
    'customers.portal.unlock': (input, call) => {
      setLocked(call.ctx.db, actorOf(call), input.customerId, false)
      return view(call, input.customerId)
    },
    'customers.portal.welcomeLetter': async (input, call) => {
      if (!(await isCurrentTemporaryPassword(call.ctx.db, input.customerId, input.temporaryPassword))) {
        throw new ApiError('FORBIDDEN', 'customers.errors.letterPassword')
      }
      return welcomeLetterPdf(call.ctx, actorOf(call), input.customerId, input.temporaryPassword)
    },
    'customers.users.add': (input, call) => {
      addUser(call.ctx.db, actorOf(call), input, today(call))
      return view(call, input.customerId)
    },
    'customers.users.setRights': (input, call) => {
      setUserRights(call.ctx.db, actorOf(call), input, today(call))
      return view(call, input.customerId)
    },
    'customers.users.revoke': (input, call) => {
      revokeUser(call.ctx.db, actorOf(call), input)
      return view(call, input.customerId)
    },
    'customers.export': (input, call) =>
      exportCustomer(
        call.ctx.db,
        actorOf(call),
        input.customerId,
        input.reason,
        call.session!.agent.language,
      ),
  }
}
