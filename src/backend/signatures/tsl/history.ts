import { isGrantedStatus, type TrustService, type TrustStatusPeriod } from '../pki/trust'

/**
 * A trust service as its trusted list stood at a point in time: the status period in force then, with
 * the service type and qualifiers of that period (ETSI TS 119 612 §5.5.10 ServiceHistory). Checks that
 * judge "as of" the signing or timestamp time read this instead of the current entry, so a TSA that was
 * only TSA (not TSA/QTST) in 2015, or a CA withdrawn in 2019, is judged as it was then.
 */
export interface ServiceState {
  /** 'granted', 'withdrawn', 'accredited', ... (last segment of the ETSI status URI). */
  status: string
  granted: boolean
  /** Short type in force then ('CA/QC', 'TSA/QTST', ...); the current type when the period states none. */
  type: string
  typeUri: string | null
  qualifiers: string[]
  /** When this period started (ISO), and when the next one did (null: still in force in this list). */
  from: string
  until: string | null
}

function sorted(history: TrustStatusPeriod[]): TrustStatusPeriod[] {
  return history
    .filter((h) => !Number.isNaN(Date.parse(h.from)))
    .sort((a, b) => Date.parse(a.from) - Date.parse(b.from))
}

/** The service's state at `at`, or null when the list knows nothing of it before that time. */
export function serviceStateAt(service: TrustService, at: Date): ServiceState | null {
  const periods = sorted(service.history)
  const t = at.getTime()
  let index = -1
  for (let i = 0; i < periods.length; i++) if (Date.parse(periods[i].from) <= t) index = i
  if (index < 0) return null
  const p = periods[index]
  return {
    status: p.status,
    granted: isGrantedStatus(p.status),
    type: p.type ?? service.type,
    typeUri: p.typeUri ?? service.typeUri ?? null,
    qualifiers: p.qualifiers ?? service.qualifiers ?? [],
    from: p.from,
    until: index + 1 < periods.length ? periods[index + 1].from : null,
  }
}

/** Whether the service was a granted service of a type starting with `typePrefix` at `at` (e.g. 'TSA/QTST'). */
export function grantedAsAt(service: TrustService, at: Date, typePrefix: string): boolean {
  const s = serviceStateAt(service, at)
  return s !== null && s.granted && s.type.startsWith(typePrefix)
}
