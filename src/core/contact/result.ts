/**
 * The shape every contact validator returns: the normalised value, or a stable reason whose message lives
 * in locales under `validation.<field>.<reason>` (LV, EN, RU).
 */
export type Validation<T, R extends string> =
  { ok: true; value: T } | { ok: false; reason: R; messageKey: string }

export const accept = <T>(value: T): { ok: true; value: T } => ({ ok: true, value })

export function rejector<R extends string>(field: string) {
  return (reason: R): { ok: false; reason: R; messageKey: string } => ({
    ok: false,
    reason,
    messageKey: `validation.${field}.${reason}`,
  })
}

/** Trims, applies NFC and collapses runs of whitespace to one space (what agents meant to type). */
export function tidy(input: string): string {
  return input.normalize('NFC').replace(/\s+/gu, ' ').trim()
}
