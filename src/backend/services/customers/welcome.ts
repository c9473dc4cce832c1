import { PassThrough } from 'node:stream'
import type { BackendContext } from '../../context'
import { recordAccess, type MutationActor } from '../../db/mutations'
import { loadFonts } from '../../documents/fonts'
import { loadSeller } from '../../documents/seller'
import { writeWelcomeLetterPdf } from '../../documents/welcome-letter'
import { rigaToday } from '../../../core/calendar'
import { accountOf } from './portal'
import { customerDisplayName } from '../../../core/customers/display'
import { customerAddress, loadCustomer } from './rows'

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
      customerName: customerDisplayName(c),
      customerNumber: c.customer_number,
      addressLines: envelopeLines(address),
      email: account.email,
      temporaryPassword,
      portalUrl: seller.contacts.web,
      date: rigaToday(actor.nowMs),
      signedBy: agentName(ctx, actor.agentId),
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

function agentName(ctx: BackendContext, agentId: string): string | null {
  const row = ctx.db.prepare('SELECT display_name FROM agents WHERE id = ?').get(agentId) as
    { display_name: string } | undefined
  return row?.display_name ?? null
}

/** An address as an envelope has it: street on one line, then the town with the postal code (Rīga, LV-1001). */
export function envelopeLines(address: string | null): string[] {
  const parts = address ? address.split(', ').filter((p) => p.trim() !== '') : []
  if (parts.length >= 3 && /^LV-\d{4}$/.test(parts[parts.length - 1])) {
    const postal = parts.pop()!
    parts[parts.length - 1] = `${parts[parts.length - 1]}, ${postal}`
  }
  return parts
}
