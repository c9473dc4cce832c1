import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { validateIban } from '../../core/billing'
import type { Db } from '../db/open'

const iban = z.string().refine((v) => validateIban(v).ok, 'not a valid IBAN')
const series = z.object({ prefix: z.string().regex(/^[A-Z]{1,6}$/), width: z.number().int().min(1).max(12) })

/** Who issues the documents. Configuration (resources/config/seller.json or a reference dataset), never code. */
export const sellerSchema = z.object({
  name: z.string().min(1).max(120),
  registrationNo: z.string().min(1),
  vatNo: z.string().min(1),
  legalAddress: z.string().min(1).max(200),
  bankAccounts: z.array(z.object({ bank: z.string().min(1), bic: z.string().min(8).max(11), iban })).min(1),
  /** Which account the EPC QR code pays into. */
  qrAccount: z.number().int().min(0).default(0),
  contacts: z.object({
    phone: z.string().min(1),
    email: z.string().min(3),
    web: z.string().min(1),
    hours: z.string().optional(),
  }),
  invoiceSeries: series,
  statementSeries: series,
  product: z.string().min(1),
  epcQr: z.boolean().default(true),
  /**
   * Where the seller's letters are written, as each language puts it in a letter's date line
   * ("Rīgā, 2026. gada 2. decembrī"); the legal address's town when absent.
   */
  letterPlace: z.object({ lv: z.string().min(1), en: z.string().min(1), ru: z.string().min(1) }).optional(),
})

export type Seller = z.output<typeof sellerSchema>

export const SELLER_DATASET_KIND = 'seller'

/**
 * The seller details in force: the newest 'seller' reference dataset delivered by the central system
 * when there is one, else the shipped configuration file.
 */
export function loadSeller(resourcesDir: string, db?: Db): Seller {
  const row = db
    ?.prepare(
      `SELECT payload FROM reference_datasets WHERE kind = ? ORDER BY effective_from DESC, id DESC LIMIT 1`,
    )
    .get(SELLER_DATASET_KIND) as { payload: string } | undefined
  const raw: unknown = row
    ? JSON.parse(row.payload)
    : JSON.parse(readFileSync(join(resourcesDir, 'config', 'seller.json'), 'utf8'))
  return sellerSchema.parse(raw)
}
