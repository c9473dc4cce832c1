import { z } from 'zod'

/** Reference datasets the central publishes; desks fetch each whole by content hash. */
export const referenceDatasetNames = ['tariffs', 'calorific', 'calendar'] as const
export type ReferenceDatasetName = (typeof referenceDatasetNames)[number]

export const referenceListSchema = z.object({
  datasets: z.array(
    z.object({
      name: z.enum(referenceDatasetNames),
      /** sha256 of the canonical JSON body: the desk replaces its copy when this changes. */
      hash: z.string().regex(/^[0-9a-f]{64}$/u),
      publishedAt: z.string(),
      bytes: z.number().int(),
    }),
  ),
  serverTime: z.string(),
})
export type ReferenceList = z.infer<typeof referenceListSchema>

export const referenceBodySchema = z.object({
  name: z.enum(referenceDatasetNames),
  hash: z.string(),
  publishedAt: z.string(),
  body: z.unknown(),
})
export type ReferenceBody = z.infer<typeof referenceBodySchema>
