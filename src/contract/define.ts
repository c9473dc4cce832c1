import type { z } from 'zod'

export const roles = ['agent', 'supervisor'] as const
export type Role = (typeof roles)[number]

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** 'public' methods need no signed-in agent (sign-in itself, app status). */
  access: 'public' | readonly Role[]
  /** Allowed while the session is locked for inactivity (unlock, status). */
  whileLocked?: boolean
  /** Polls and background calls that must not count as agent activity for the inactivity lock. */
  passive?: boolean
}

export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> =>
  spec

export const ANY_AGENT: readonly Role[] = ['agent', 'supervisor']
export const SUPERVISOR: readonly Role[] = ['supervisor']

/**
 * Rights some roles hold beyond the sections they see. `correctReadings`: replace an earlier actual
 * meter reading that was wrong (a lower reading with a correction reason) — supervisors.
 */
export const RIGHTS = { correctReadings: SUPERVISOR } as const satisfies Record<string, readonly Role[]>
export type Right = keyof typeof RIGHTS

export function hasRight(role: Role | null | undefined, right: Right): boolean {
  return role !== null && role !== undefined && RIGHTS[right].includes(role)
}
