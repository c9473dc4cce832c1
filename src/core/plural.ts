/**
 * Plural-form choosers for vue-i18n messages written as `a | b | c`. They return the index of the
 * form to use, capped to the number of forms the message actually has.
 */
export type PluralChooser = (count: number, formCount: number) => number

const cap = (index: number, formCount: number): number => Math.max(0, Math.min(index, formCount - 1))

/** Latvian: `zero | one | other`; "one" is every number ending in 1 except those ending in 11 (21, 101). */
export const latvianPlural: PluralChooser = (count, formCount) => {
  const n = Math.abs(Math.trunc(count))
  if (formCount < 3) return cap(n % 10 === 1 && n % 100 !== 11 ? 0 : 1, formCount)
  if (n === 0) return 0
  return n % 10 === 1 && n % 100 !== 11 ? 1 : 2
}

/** Russian: `one | few | many` — 1, 21 / 2-4, 22-24 / 0, 5-20, 25-30, 11-14. */
export const russianPlural: PluralChooser = (count, formCount) => {
  const n = Math.abs(Math.trunc(count))
  const last = n % 10
  const lastTwo = n % 100
  if (last === 1 && lastTwo !== 11) return cap(0, formCount)
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return cap(1, formCount)
  return cap(2, formCount)
}
