import { z } from 'zod'
import { roles } from './define'

export const languages = ['lv', 'en', 'ru'] as const
export const languageSchema = z.enum(languages)
export type Language = z.infer<typeof languageSchema>

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'iso-date')
export const isoTimeSchema = z.string().datetime({ offset: true })
export const uuidSchema = z.string().uuid()
export const emptyInput = z.object({}).strict()

export const agentSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  language: languageSchema,
})
export type Agent = z.infer<typeof agentSchema>
