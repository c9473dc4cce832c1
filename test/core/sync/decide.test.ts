import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decideConsent,
  decideConsentUndo,
  decideCustomerCreate,
  decideDocumentAdd,
  decideDocumentDecision,
  decideReadingRecord,
  decideSetLanguage,
  decideUpdateContact,
  type CustomerCreateIntent,
  type Decision,
} from '../../../src/core/sync/decide'
import { authorise } from '../../../src/core/sync/rights'
import { makeLegacyPersonalCode } from '../../../src/core/personal-code'
import { ctx, customer, premise, store } from './fixtures'

const reading = (over: Record<string, unknown> = {}) => ({
  readingId: 'r1',
  meterId: 'm1',
  value: 1100,
  takenAt: '2026-02-27T10:00:00.000Z',
  channel: 'visit' as const,
  confirmed: [],
  ...over,
})

const writes = (d: Decision) => (d.outcome === 'applied' || d.outcome === 'conflict' ? (d.writes ?? {}) : {})

describe('decide reading.record (append-only, the central judges the window by takenAt)', () => {
  it('applies a reading in the window as an actual reading of that period', () => {
    const d = decideReadingRecord(store(), reading(), ctx())
    expect(d.outcome).toBe('applied')
    expect(writes(d).readings?.[0]).toMatchObject({
      id: 'r1',
      period: '2026-02',
      status: 'actual',
      value: 1100,
      out_of_window: false,
      agent_id: 'a1',
    })
  })

  it('changes nothing when the same reading id comes again', () => {
    const s = store()
    s.apply(writes(decideReadingRecord(s, reading(), ctx())))
    const again = decideReadingRecord(s, reading(), ctx())
    expect(again).toEqual({ outcome: 'applied', writes: {}, result: { readingId: 'r1' } })
  })

  it('merges the same value for an already-read period and sends a different value to a person', () => {
    const s = store()
    s.apply(writes(decideReadingRecord(s, reading(), ctx())))
    const same = decideReadingRecord(s, reading({ readingId: 'r2' }), ctx())
    expect(same).toMatchObject({ outcome: 'applied', writes: {}, result: { mergedInto: 'r1' } })
    const other = decideReadingRecord(s, reading({ readingId: 'r3', value: 1150 }), ctx())
    expect(other).toMatchObject({
      outcome: 'conflict',
      error: { code: 'reading-differs', details: { theirs: { readingId: 'r1', value: 1100 } } },
    })
  })

  it('sends a value lower than the last accepted reading to a person', () => {
    const d = decideReadingRecord(store(), reading({ value: 10 }), ctx())
    expect(d).toMatchObject({ outcome: 'conflict', error: { code: 'lower-than-last' } })
  })

  it('sends a reading for a period already billed to a person', () => {
    const s = store()
    s.apply({ premises: [premise({ billed_through: '2026-02' })] })
    expect(decideReadingRecord(s, reading(), ctx())).toMatchObject({
      outcome: 'conflict',
      error: { code: 'period-billed' },
    })
  })

  it('judges by the desk moment: taken in the window yesterday is still in the window after it closed', () => {
    // Window for February: 27 Feb .. 2 Mar 2026 (first working day). The central applies on 10 March.
    const d = decideReadingRecord(
      store(),
      reading({ takenAt: '2026-03-02T09:00:00.000Z' }),
      ctx({ now: '2026-03-10T09:00:00.000Z' }),
    )
    expect(d).toMatchObject({
      outcome: 'applied',
      writes: { readings: [{ period: '2026-02', out_of_window: false }] },
    })
  })

  it('rejects a reading outside the window without a reason, and one with too many digits', () => {
    expect(
      decideReadingRecord(store(), reading({ takenAt: '2026-02-10T10:00:00.000Z' }), ctx()),
    ).toMatchObject({
      outcome: 'rejected',
      error: { code: 'invalid-reading', details: { findings: ['out-of-window-reason-required'] } },
    })
    expect(decideReadingRecord(store(), reading({ value: 123456 }), ctx())).toMatchObject({
      outcome: 'rejected',
    })
  })

  it('sends a reading judged on a suspect desk clock to a person', () => {
    expect(decideReadingRecord(store(), reading(), ctx({ clockSuspect: true }))).toMatchObject({
      outcome: 'conflict',
      error: { code: 'clock-suspect' },
    })
  })

  it('rejects an unknown meter', () => {
    expect(decideReadingRecord(store(), reading({ meterId: 'nope' }), ctx())).toMatchObject({
      outcome: 'rejected',
      error: { code: 'not-found' },
    })
  })
})

describe('decide contact edits (field-level merge against the base version)', () => {
  it('applies a field nobody changed since the base, normalising the phone', () => {
    const d = decideUpdateContact(store(), { phone: '20 000 002' }, ctx())
    expect(d).toMatchObject({
      outcome: 'applied',
      writes: { customers: [{ phone: '+37120000002', version: 2, field_versions: { phone: 2 } }] },
    })
  })

  it('merges disjoint fields from two desks that saw the same base', () => {
    const s = store()
    s.apply(writes(decideUpdateContact(s, { email: 'a@b.lv' }, ctx())))
    const second = decideUpdateContact(s, { phone: '+37120000009' }, ctx({ baseVersion: 1 }))
    expect(second.outcome).toBe('applied')
    expect(writes(second).customers?.[0]).toMatchObject({
      email: 'a@b.lv',
      phone: '+37120000009',
      version: 3,
    })
  })

  it('is a conflict when the same field changed differently since the base; other fields still apply', () => {
    const s = store()
    s.apply(writes(decideUpdateContact(s, { email: 'first@b.lv' }, ctx())))
    const d = decideUpdateContact(s, { email: 'second@b.lv', phone: '+37120000009' }, ctx({ baseVersion: 1 }))
    expect(d).toMatchObject({
      outcome: 'conflict',
      error: {
        code: 'field-changed',
        details: { fields: [{ field: 'email', mine: 'second@b.lv', theirs: 'first@b.lv' }] },
      },
      writes: { customers: [{ email: 'first@b.lv', phone: '+37120000009' }] },
    })
  })

  it('merges the same value changed on two desks', () => {
    const s = store()
    s.apply(writes(decideUpdateContact(s, { email: 'same@b.lv' }, ctx())))
    expect(decideUpdateContact(s, { email: 'same@b.lv' }, ctx({ baseVersion: 1 }))).toEqual({
      outcome: 'applied',
      writes: {},
      result: { changed: [] },
    })
  })

  it('rejects an invalid e-mail with the core validator key', () => {
    expect(decideUpdateContact(store(), { email: 'not-an-email' }, ctx())).toMatchObject({
      outcome: 'rejected',
      error: { code: 'validation', details: { fields: [{ field: 'email' }] } },
    })
  })

  it('property: a field is never overwritten by an edit whose base predates its last change', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            base: fc.integer({ min: 0, max: 6 }),
            lang: fc.constantFrom('lv', 'en', 'ru') as fc.Arbitrary<'lv' | 'en' | 'ru'>,
          }),
          { maxLength: 12 },
        ),
        (edits) => {
          const s = store()
          for (const e of edits) {
            const before = s.customer('c1')!
            const d = decideSetLanguage(s, { language: e.lang }, ctx({ baseVersion: e.base }))
            const stale = (before.field_versions.preferred_language ?? 0) > e.base
            if (stale && before.preferred_language !== e.lang) expect(d.outcome).toBe('conflict')
            s.apply(writes(d))
            const after = s.customer('c1')!
            if (stale) expect(after.preferred_language).toBe(before.preferred_language)
            expect(after.version).toBeGreaterThanOrEqual(before.version)
          }
        },
      ),
    )
  })
})

describe('decide consents and documents', () => {
  const consent = {
    id: 'k1',
    customerId: 'c1',
    channel: 'sms' as const,
    granted: true,
    at: '2026-02-01T00:00:00Z',
    wordingVersion: 'w1',
    via: 'phone',
  }

  it('appends a consent with the central arrival time, once', () => {
    const s = store()
    const d = decideConsent(s, consent, ctx())
    expect(d).toMatchObject({
      outcome: 'applied',
      writes: { consents: [{ id: 'k1', received_at: ctx().now, agent_id: 'a1' }] },
    })
    s.apply(writes(d))
    expect(decideConsent(s, consent, ctx())).toEqual({
      outcome: 'applied',
      writes: {},
      result: { consentId: 'k1' },
    })
    expect(decideConsent(s, { ...consent, id: 'k2', customerId: 'zz' }, ctx()).outcome).toBe('rejected')
  })

  it('an undo appends a row restoring the channel, pointing at the choice it takes back, once', () => {
    const s = store()
    s.apply(writes(decideConsent(s, consent, ctx())))
    const undo = {
      id: 'u1',
      customerId: 'c1',
      channel: 'sms' as const,
      granted: false,
      undoes: 'k1',
      at: consent.at,
    }
    const d = decideConsentUndo(s, undo, ctx())
    expect(d).toMatchObject({
      outcome: 'applied',
      writes: {
        consents: [{ id: 'u1', granted: false, undoes_id: 'k1', via: 'phone', wording_version: 'w1' }],
      },
    })
    s.apply(writes(d))
    expect(decideConsentUndo(s, undo, ctx())).toEqual({
      outcome: 'applied',
      writes: {},
      result: { consentId: 'u1' },
    })
    // Taking back a choice the central never saw, or one of another channel, is refused.
    expect(decideConsentUndo(s, { ...undo, id: 'u2', undoes: 'nope' }, ctx()).outcome).toBe('rejected')
    expect(decideConsentUndo(s, { ...undo, id: 'u3', channel: 'email' }, ctx()).outcome).toBe('rejected')
  })

  const sha = 'a'.repeat(64)
  const add = {
    id: 'd1',
    customerId: 'c1',
    fileName: 'a.edoc',
    mediaType: 'application/vnd.etsi.asic-e+zip',
    size: 10,
    sha256: sha,
  }

  it('blocks a document whose blob is not complete, and adds it once it is', () => {
    const s = store()
    expect(decideDocumentAdd(s, add, ctx())).toMatchObject({
      outcome: 'blocked',
      error: { code: 'blob-missing' },
    })
    s.blobs.add(sha)
    const d = decideDocumentAdd(s, add, ctx())
    expect(d.outcome).toBe('applied')
    s.apply(writes(d))
    expect(decideDocumentAdd(s, { ...add, id: 'd2' }, ctx())).toMatchObject({
      outcome: 'rejected',
      error: { code: 'duplicate-document' },
    })
  })

  it('lets the first final decision win: the same again merges, a different one is a conflict', () => {
    const s = store()
    s.blobs.add(sha)
    s.apply(writes(decideDocumentAdd(s, add, ctx())))
    const first = decideDocumentDecision(s, { id: 'd1', decision: 'accepted', reason: 'ok' }, ctx())
    s.apply(writes(first))
    expect(s.document('d1')).toMatchObject({ decision: 'accepted', decided_by: 'a1', version: 2 })
    expect(
      decideDocumentDecision(s, { id: 'd1', decision: 'accepted', reason: 'x' }, ctx({ agentId: 'a2' })),
    ).toMatchObject({ outcome: 'applied', writes: {} })
    expect(
      decideDocumentDecision(s, { id: 'd1', decision: 'rejected', reason: 'no' }, ctx({ agentId: 'a2' })),
    ).toMatchObject({
      outcome: 'conflict',
      error: { code: 'already-decided', details: { standing: { decision: 'accepted', by: 'a1' } } },
    })
  })
})

describe('decide customer.create (client UUID; natural keys checked centrally)', () => {
  const address = {
    street: 'Lāčplēša iela',
    house: '5',
    apartment: null,
    town: 'Rīga',
    parish: null,
    municipality: null,
    postalCode: 'LV-1011',
  }
  const create = (over: Partial<CustomerCreateIntent> = {}): CustomerCreateIntent => ({
    id: 'c9',
    draft: {
      kind: 'person',
      firstName: 'Pēteris',
      lastName: 'Ozols',
      companyName: null,
      personalCode: makeLegacyPersonalCode('1990-01-01', 100)!.replace('-', ''),
      registrationNo: null,
      vatNo: null,
      email: null,
      phone: null,
      language: 'lv',
      address,
      premises: [
        {
          address,
          billingType: 'invoice',
          monthlyInstalmentCents: null,
          meter: { meteringPointId: 'A000000009', serial: 'SN-9', model: 'G4', digits: 5, maxFlowM3h: 6 },
        },
      ],
    },
    rows: [{ premiseId: 'p9', meterId: 'm9' }],
    numbers: null,
    ...over,
  })

  it('creates the customer in the sending centre with centrally issued numbers', () => {
    const d = decideCustomerCreate(store(), create(), ctx({ centreId: 'C2' }))
    expect(d).toMatchObject({
      outcome: 'applied',
      result: {
        customerId: 'c9',
        customerNumber: '20000001',
        subscriberNumbers: ['200000001'],
        renumbered: true,
      },
      writes: {
        customers: [{ service_centre_id: 'C2' }],
        premises: [{ id: 'p9', zone: 'riga' }],
        meters: [{ id: 'm9', load_band: 'upto6' }],
      },
    })
  })

  it('keeps the desk numbers when free, and is idempotent by customer id', () => {
    const s = store()
    const d = decideCustomerCreate(
      s,
      create({ numbers: { customerNumber: '91000001', subscriberNumbers: ['910000001'] } }),
      ctx(),
    )
    expect(d).toMatchObject({ result: { customerNumber: '91000001', renumbered: false } })
    s.apply(writes(d))
    expect(decideCustomerCreate(s, create(), ctx())).toMatchObject({
      outcome: 'applied',
      writes: {},
      result: { customerNumber: '91000001' },
    })
  })

  it('sends the same personal code, or the same name at the same address, to a person as a probable duplicate', () => {
    const s = store()
    const samePc = create({ draft: { ...create().draft, personalCode: '32345678901' } })
    expect(decideCustomerCreate(s, samePc, ctx())).toMatchObject({
      outcome: 'conflict',
      error: {
        code: 'probable-duplicate',
        details: { duplicates: [{ customerId: 'c1', reason: 'personal_code' }] },
      },
    })
    s.apply({
      customers: [
        customer({
          id: 'c5',
          personal_code: null,
          first_name: 'PĒTERIS',
          last_name: 'ozols',
          addr_street: 'Lacplesa iela',
          addr_house: '5',
          customer_number: '10000005',
        }),
      ],
    })
    expect(decideCustomerCreate(s, create(), ctx())).toMatchObject({
      outcome: 'conflict',
      error: { details: { duplicates: [{ customerId: 'c5', reason: 'name_address' }] } },
    })
  })

  it('rejects a draft the core validators refuse (bad personal code)', () => {
    const good = create().draft.personalCode!
    const bad = create({
      draft: { ...create().draft, personalCode: good.slice(0, 10) + ((Number(good[10]) + 1) % 10) },
    })
    expect(decideCustomerCreate(store(), bad, ctx())).toMatchObject({
      outcome: 'rejected',
      error: { code: 'validation' },
    })
  })

  it('is a conflict when a metering point is already supplied', () => {
    const c = create()
    c.draft.premises[0].meter.meteringPointId = 'A000000001'
    expect(decideCustomerCreate(store(), c, ctx())).toMatchObject({
      outcome: 'conflict',
      error: { code: 'metering-point-taken' },
    })
  })
})

describe('rights at apply time', () => {
  it('forbids an unknown or deactivated agent, allows an active one', () => {
    expect(authorise(undefined, 'reading.record')?.code).toBe('forbidden')
    expect(authorise({ role: 'agent', active: false }, 'reading.record')?.details).toEqual({
      reason: 'agent-inactive',
    })
    expect(authorise({ role: 'agent', active: true }, 'reading.record')).toBeNull()
    expect(authorise({ role: 'supervisor', active: true }, 'no.such')?.code).toBe('forbidden')
  })
})
