/**
 * The pull cursor, opaque to desks: the last change delivered (commit version, entity type, id) and, during a
 * bootstrap, the version the bootstrap started at (tombstones at or below it are skipped: the desk never
 * had those rows). base64url of a small JSON array, versioned by its first element.
 */
export interface Cursor {
  version: number
  type: string
  id: string
  /** Set while bootstrapping: the clock version when the bootstrap began. */
  bootstrapAt: number | null
}

export const START: Cursor = { version: 0, type: '', id: '', bootstrapAt: null }

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([1, c.version, c.type, c.id, c.bootstrapAt])).toString('base64url')
}

export function decodeCursor(s: string): Cursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    if (!Array.isArray(v) || v.length !== 5 || v[0] !== 1) return null
    const [, version, type, id, bootstrapAt] = v as unknown[]
    if (!Number.isSafeInteger(version) || (version as number) < 0) return null
    if (typeof type !== 'string' || typeof id !== 'string') return null
    if (bootstrapAt !== null && !Number.isSafeInteger(bootstrapAt)) return null
    return { version: version as number, type, id, bootstrapAt: bootstrapAt as number | null }
  } catch {
    return null
  }
}
