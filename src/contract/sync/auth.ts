import { z } from 'zod'

/** A workstation enrols once with a one-time code a supervisor printed on the central. */
export const enrolRequestSchema = z
  .object({
    code: z.string().min(6).max(64),
    /** The workstation's own description (host name), for the fleet view. */
    hostName: z.string().max(120).optional(),
  })
  .strict()
export type EnrolRequest = z.infer<typeof enrolRequestSchema>

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  /** ISO instant; 15 minutes after issue. */
  accessExpiresAt: z.string(),
  /** One-time: every refresh returns a new one and retires the old. */
  refreshToken: z.string(),
  refreshExpiresAt: z.string(),
})
export type TokenPair = z.infer<typeof tokenPairSchema>

export const enrolResponseSchema = tokenPairSchema.extend({
  workstationId: z.string(),
  workstationName: z.string(),
  centreId: z.string(),
  serverTime: z.string(),
})
export type EnrolResponse = z.infer<typeof enrolResponseSchema>

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(10).max(200) }).strict()
export const refreshResponseSchema = tokenPairSchema.extend({ serverTime: z.string() })
export type RefreshResponse = z.infer<typeof refreshResponseSchema>
