import { z } from 'zod'
import { defineMutation } from './define'

const id = z.string().min(1).max(80)

const addV1 = z
  .object({
    id,
    customerId: id,
    fileName: z.string().min(1).max(255),
    mediaType: z.string().min(1).max(120),
    size: z.number().int().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/u),
  })
  .strict()
/** v2 (issue 14): a detached .p7s names the file it signs; that file travels as a blob of its own. */
const addV2 = addV1
  .extend({
    contentFile: z
      .object({
        fileName: z.string().min(1).max(255),
        size: z.number().int().min(1),
        sha256: z.string().regex(/^[0-9a-f]{64}$/u),
      })
      .strict()
      .optional(),
  })
  .strict()
export type DocumentAddArgs = z.infer<typeof addV2>

/** The bytes travel by the blob channel; the central applies this only once the blob is complete. */
export const documentAdd = defineMutation({
  name: 'document.add',
  entityType: 'document',
  versions: { 1: addV1, 2: addV2 },
  latestSchema: addV2,
  // A v1 document has no content file: its args are already valid v2 args.
  upcast: { 1: (args) => args },
})

const decideV1 = z
  .object({ id, decision: z.enum(['accepted', 'rejected']), reason: z.string().max(2000) })
  .strict()
export type DocumentDecideArgs = z.infer<typeof decideV1>

export const documentDecide = defineMutation({
  name: 'document.decide',
  entityType: 'document',
  versions: { 1: decideV1 },
  latestSchema: decideV1,
})
