import type { z } from 'zod'

/** What an upcaster may use besides the old args: the envelope of the outbox row. */
export interface UpcastEnvelope {
  entityId: string
  clientTime: string
}

/**
 * The versioned args of one mutation name. `versions[v]` validates args written at version v;
 * `upcast[v]` turns valid version-v args into version v+1. The central accepts any version from 1 to
 * `latest` and upcasts to `latest` before deciding.
 */
export interface MutationArgsSpec<L extends z.ZodType = z.ZodType> {
  name: string
  entityType: string
  latest: number
  versions: Record<number, z.ZodType>
  latestSchema: L
  upcast: Record<number, (args: unknown, envelope: UpcastEnvelope) => unknown>
  /** Args fields that never appear in logs, dead letters or exports. */
  secretFields?: readonly string[]
}

export function defineMutation<L extends z.ZodType>(spec: {
  name: string
  entityType: string
  versions: Record<number, z.ZodType>
  latestSchema: L
  upcast?: Record<number, (args: unknown, envelope: UpcastEnvelope) => unknown>
  secretFields?: readonly string[]
}): MutationArgsSpec<L> {
  const latest = Math.max(...Object.keys(spec.versions).map(Number))
  if (spec.versions[latest] !== spec.latestSchema)
    throw new Error(`${spec.name}: latestSchema must be v${latest}`)
  for (let v = 1; v < latest; v++) {
    if (!spec.versions[v] || !spec.upcast?.[v])
      throw new Error(`${spec.name}: v${v} needs a schema and an upcaster`)
  }
  return { ...spec, latest, upcast: spec.upcast ?? {} }
}
