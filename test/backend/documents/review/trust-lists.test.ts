import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../../src/backend'
import { manualClock } from '../../../../src/backend/clock'
import { importTrustedLists } from '../../../../src/backend/signatures'
import type { DocumentDetail, TrustState } from '../../../../src/contract/methods/documents'
import { issue, signedData } from '../../../backend/signatures/pki/test-pki'
import { makeTrustedList } from '../../../backend/signatures/tsl/tsl-signer'
import { tempDir } from '../../../helpers/tmp'
import { docsFixture, type DocsFixture } from './fixture'

let f: DocsFixture | null = null
let backend: Backend | null = null
const tmp = tempDir('gasdesk-trust-lists-')
afterEach(async () => {
  await f?.cleanup()
  backend?.close()
  f = null
  backend = null
})

describe('document.trust: the lists the verdicts rest on', () => {
  it('names each shipped list with its number, issue and next-update dates, and says when they are past due', async () => {
    f = await docsFixture() // the workstation clock: 15.1.2026
    const r = await f.call<TrustState>('document.trust', {})
    const lists = r.value!.lists.filter((l) => l.used)
    expect(
      lists
        .map((l) => [
          l.territory,
          l.sequenceNumber,
          l.issued?.slice(0, 10),
          l.nextUpdate?.slice(0, 10),
          l.source,
        ])
        .sort(),
    ).toEqual([
      ['EE', 62, '2023-10-05', '2024-04-05', 'shipped'],
      ['EU', 332, '2023-09-27', '2024-03-26', 'shipped'],
      ['LT', 66, '2023-06-02', '2023-12-02', 'shipped'],
      ['LV', 41, '2023-09-12', '2024-03-12', 'shipped'],
    ])
    expect(r.value!.overdue).toBe(true)
    expect(lists.every((l) => l.overdue)).toBe(true)
    expect(r.value!.checkedAt).toBe('2026-01-15T10:00:00.000Z')
  })

  it('is not past due while every next-update date is ahead (a fixed time in 2023)', async () => {
    f = await docsFixture()
    ;(f.backend.ctx.clock as ReturnType<typeof manualClock>).set(Date.parse('2023-11-01T00:00:00Z'))
    const r = await f.call<TrustState>('document.trust', {})
    expect(r.value!.overdue).toBe(false)
  })
})

describe('lists imported into the workstation trust folder', () => {
  // A test "EU" (the desk's resources folder is ours here): LOTL #10 names lv1 for LV; LV #5 lists one CA.
  const lotlKey = issue(null, 'Test LOTL signer', { ca: true })
  const lvKey = issue(null, 'Test LV list signer', { ca: true })
  const oldCa = issue(null, 'LV Test CA 2019', { ca: true })
  const newCa = issue(null, 'LV Test CA 2025', { ca: true })
  const caService = (cert: Buffer, name: string) => ({
    type: 'CA/QC',
    name,
    cert,
    history: [{ status: 'granted', from: '2019-01-01T00:00:00Z' }],
  })
  const lv = (seq: number, cas: ReturnType<typeof caService>[], nextUpdate: string) =>
    makeTrustedList({
      territory: 'LV',
      seq,
      issued: '2025-01-01T00:00:00Z',
      nextUpdate,
      signer: lvKey,
      services: cas,
    })

  it('are used by the desk at once: a document by a CA only the newer list knows is re-checked with it', async () => {
    const root = tmp.file('desk')
    const trustDir = join(root, 'resources', 'trust')
    const home = join(root, 'trust-home')
    mkdirSync(trustDir, { recursive: true })
    writeFileSync(
      join(trustDir, 'EU-LOTL.xml'),
      makeTrustedList({
        territory: 'EU',
        lotl: true,
        seq: 10,
        issued: '2025-01-01T00:00:00Z',
        nextUpdate: '2026-12-01T00:00:00Z',
        signer: lotlKey,
        pointers: { EU: [lotlKey.der], LV: [lvKey.der] },
      }),
    )
    writeFileSync(
      join(trustDir, 'LV-TSL.xml'),
      lv(5, [caService(oldCa.der, 'LV Test CA 2019')], '2025-06-01T00:00:00Z'),
    )
    const clock = manualClock(Date.parse('2026-01-15T10:00:00Z'))
    backend = await createBackend({
      dbFile: join(root, 'desk.sqlite'),
      shell: 'test',
      clock,
      demoAgents: true,
      resourcesDir: join(root, 'resources'),
      trustHome: home,
    })
    const b = backend
    backend.ctx.db
      .prepare(
        `INSERT INTO customers (id, customer_number, kind, first_name, last_name, created_at, updated_at)
         VALUES ('c1', '100001', 'person', 'Anna', 'Kalniņa', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')`,
      )
      .run()
    expect((await b.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k')).ok).toBe(
      true,
    )
    const call = <T>(m: string, i: unknown) => b.dispatch(m, i, 'k') as Promise<{ ok: boolean; value?: T }>

    const before = (await call<TrustState>('document.trust', {})).value!
    expect(before.lists.find((l) => l.territory === 'LV')).toMatchObject({ sequenceNumber: 5, overdue: true })
    expect(before.overdue).toBe(true)

    const signer = issue(newCa, 'Signer under the 2025 CA')
    const p7s = signedData({
      signer,
      content: Buffer.from('līgums'),
      signingTime: new Date('2026-01-10T09:00:00Z'),
      certs: [signer, newCa],
    })
    const added = await call<DocumentDetail>('document.add', {
      customerId: 'c1',
      fileName: 'a.p7m',
      contentBase64: p7s.toString('base64'),
    })
    const chain = (d: DocumentDetail | undefined) =>
      d?.report?.signatures[0].checks.find((c) => c.id === 'chain' || c.id === 'trust-chain')
    expect(chain(added.value)?.outcome).toBe('fail')

    const stick = join(root, 'stick')
    mkdirSync(stick)
    writeFileSync(
      join(stick, 'LV.xml'),
      lv(
        6,
        [caService(oldCa.der, 'LV Test CA 2019'), caService(newCa.der, 'LV Test CA 2025')],
        '2026-07-01T00:00:00Z',
      ),
    )
    const report = importTrustedLists({ sourceDir: stick, shippedDir: trustDir, home })
    expect(report.results).toMatchObject([{ territory: 'LV', sequenceNumber: 6, outcome: 'install' }])

    const after = (await call<TrustState>('document.trust', {})).value!
    expect(
      after.lists.filter((l) => l.used).map((l) => [l.territory, l.sequenceNumber, l.source, l.overdue]),
    ).toEqual([
      ['EU', 10, 'shipped', false],
      ['LV', 6, 'installed', false],
    ])
    expect(after.overdue).toBe(false)
    const again = await call<DocumentDetail>('document.revalidate', { id: added.value!.id })
    expect(chain(again.value)?.outcome).toBe('pass')
  })
})
