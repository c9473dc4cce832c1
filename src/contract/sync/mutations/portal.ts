import { z } from 'zod'
import { defineMutation } from './define'

const id = z.string().min(1).max(80)
const rights = z
  .array(
    z
      .object({
        premiseId: id,
        right: z.enum(['view_invoices', 'pay', 'submit_readings', 'send_messages', 'manage_users']),
      })
      .strict(),
  )
  .max(200)
/** `scrypt$N$r$p$salt$hash` of the temporary password printed on the letter. */
const verifier = z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/u)

const createLoginV1 = z.object({ id, customerId: id, email: z.string().max(300) }).strict()
/** v2 carries the verifier, so the printed password works centrally; v1 upcasts to null (must reset). */
const createLoginV2 = createLoginV1.extend({ passwordVerifier: verifier.nullable() }).strict()
export const portalCreateLogin = defineMutation({
  name: 'portal.createLogin',
  entityType: 'portal_account',
  versions: { 1: createLoginV1, 2: createLoginV2 },
  latestSchema: createLoginV2,
  upcast: { 1: (a) => ({ ...(a as object), passwordVerifier: null }) },
  secretFields: ['passwordVerifier'],
})

const accountV1 = z.object({ id }).strict()
const resetV2 = accountV1.extend({ passwordVerifier: verifier.nullable() }).strict()
export const portalResetPassword = defineMutation({
  name: 'portal.resetPassword',
  entityType: 'portal_account',
  versions: { 1: accountV1, 2: resetV2 },
  latestSchema: resetV2,
  upcast: { 1: (a) => ({ ...(a as object), passwordVerifier: null }) },
  secretFields: ['passwordVerifier'],
})
export const portalLock = defineMutation({
  name: 'portal.lock',
  entityType: 'portal_account',
  versions: { 1: accountV1 },
  latestSchema: accountV1,
})
export const portalUnlock = defineMutation({
  name: 'portal.unlock',
  entityType: 'portal_account',
  versions: { 1: accountV1 },
  latestSchema: accountV1,
})

const userAddV1 = z
  .object({
    id,
    accountId: id,
    email: z.string().max(300),
    firstName: z.string().max(200),
    lastName: z.string().max(200),
    rights,
  })
  .strict()
export const portalUserAdd = defineMutation({
  name: 'portalUser.add',
  entityType: 'portal_user',
  versions: { 1: userAddV1 },
  latestSchema: userAddV1,
})
const setRightsV1 = z.object({ id, rights }).strict()
export const portalUserSetRights = defineMutation({
  name: 'portalUser.setRights',
  entityType: 'portal_user',
  versions: { 1: setRightsV1 },
  latestSchema: setRightsV1,
})
const revokeV1 = z.object({ id }).strict()
export const portalUserRevoke = defineMutation({
  name: 'portalUser.revoke',
  entityType: 'portal_user',
  versions: { 1: revokeV1 },
  latestSchema: revokeV1,
})
