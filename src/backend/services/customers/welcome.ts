import { PassThrough } from 'node:stream'
import type { BackendContext } from '../../context'
import { recordAccess, type MutationActor } from '../../db/mutations'
import { loadFonts } from '../../documents/fonts'
import { loadSeller } from '../../documents/seller'
import { writeWelcomeLetterPdf } from '../../documents/welcome-letter'
import { todayInRiga } from '../../seed/dates'
import { accountOf } from './portal'
import { customerAddress, customerName, loadCustomer } from './rows'

/** Renders the welcome letter into memory (one page) and records the print in the audit trail. */
export async function welcomeLetterPdf(
  ctx: BackendContext,
  actor: MutationActor,
  customerId: string,
  temporaryPassword: string,
): Promise<{ filename: string; pdfBase64: string }> {
  const c = loadCustomer(ctx.db, customerId)
  const account = accountOf(ctx.db, customerId)!
  const seller = loadSeller(ctx.resourcesDir, ctx.db)
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (b: Buffer) => chunks.push(b))
  const address = customerAddress(c)
  await writeWelcomeLetterPdf(
    {
      language: c.preferred_language,
      customerName: customerName(c),
      customerNumber: c.customer_number,
      addressLines: address ? address.split(', ') : [],
      email: account.email,
      temporaryPassword,
      portalUrl: seller.contacts.web,
      date: todayInRiga(actor.nowMs),
    },
    { fonts: loadFonts(ctx.resourcesDir), seller },
    out,
  )
  recordAccess(ctx.db, actor, {
    action: 'portal.printWelcomeLetter',
    customerId: c.id,
    entityType: 'portal_account',
    entityId: account.id,
  })
  return { filename: `welcome-${c.customer_number}.pdf`, pdfBase64: Buffer.concat(chunks).toString('base64') }
}
