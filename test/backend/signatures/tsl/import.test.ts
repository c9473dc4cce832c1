import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importTrustedLists } from '../../../../src/backend/signatures/tsl/import'
import { currentGeneration, loadWorkstationTrust } from '../../../../src/backend/signatures/tsl/workstation'
import { forgetMemoryCache } from '../../../../src/backend/signatures/tsl/cache'
import { issue } from '../pki/test-pki'
import { tempDir } from '../../../helpers/tmp'
import { makeTrustedList, type TestService } from './tsl-signer'

/**
 * A test "EU" we control: the shipped LOTL #10 (signed by lotl1) names lotl1 for itself and lv1 for
 * LV; the shipped LV list #5 has one TSA. Newer lists arrive on a "USB stick" folder.
 */
const lotl1 = issue(null, 'Test LOTL signer 1', { ca: true })
const lotl2 = issue(null, 'Test LOTL signer 2', { ca: true })
const lv1 = issue(null, 'Test LV list signer', { ca: true })
const stranger = issue(null, 'Someone else', { ca: true })
const tsaOld = issue(null, 'LV TSA 2019', { ca: true })
const tsaNew = issue(null, 'LV TSA 2025', { ca: true })

const tsa = (cert: Buffer, name: string, from: string): TestService => ({
  type: 'TSA/QTST',
  name,
  cert,
  history: [{ status: 'granted', from }],
})
const lotl = (seq: number, signer = lotl1, self: Buffer[] = [lotl1.der]) =>
  makeTrustedList({
    territory: 'EU',
    lotl: true,
    seq,
    issued: `2025-0${Math.min(seq - 9, 9)}-01T00:00:00Z`,
    nextUpdate: '2026-06-01T00:00:00Z',
    signer,
    pointers: { EU: self, LV: [lv1.der] },
  })
const lv = (seq: number, services: TestService[], signer = lv1) =>
  makeTrustedList({
    territory: 'LV',
    seq,
    issued: `2025-0${Math.min(seq - 4, 9)}-15T00:00:00Z`,
    nextUpdate: `2026-0${Math.min(seq - 4, 9)}-15T00:00:00Z`,
    signer,
    services,
  })

const tmp = tempDir('gasdesk-trust-import-')
afterAll(() => tmp.cleanup())

function world(name: string) {
  const root = tmp.file(name)
  const shipped = join(root, 'shipped')
  const home = join(root, 'home')
  mkdirSync(shipped, { recursive: true })
  writeFileSync(join(shipped, 'EU-LOTL.xml'), lotl(10))
  writeFileSync(join(shipped, 'LV-TSL.xml'), lv(5, [tsa(tsaOld.der, 'LV TSA 2019', '2019-01-01T00:00:00Z')]))
  let n = 0
  const stick = (files: Record<string, Buffer>): string => {
    const dir = join(root, `stick-${++n}`)
    mkdirSync(dir)
    for (const [f, b] of Object.entries(files)) writeFileSync(join(dir, f), b)
    return dir
  }
  const load = () => loadWorkstationTrust({ shippedDir: shipped, home })
  return { shipped, home, stick, load }
}

describe('gasdesk trust import (module)', () => {
  it('installs a newer national list signed by the signer the LOTL names; the store then trusts its new TSA', () => {
    const w = world('newer')
    expect(w.load().store.services.map((s) => s.name)).toEqual(['LV TSA 2019'])
    const newer = lv(6, [
      tsa(tsaOld.der, 'LV TSA 2019', '2019-01-01T00:00:00Z'),
      tsa(tsaNew.der, 'LV TSA 2025', '2025-01-01T00:00:00Z'),
    ])
    const r = importTrustedLists({
      sourceDir: w.stick({ 'lv.xml': newer }),
      shippedDir: w.shipped,
      home: w.home,
    })
    expect(r.results).toMatchObject([
      { territory: 'LV', sequenceNumber: 6, outcome: 'install', reasonKey: 'tsl_ok' },
    ])
    expect(r.installedInto).not.toBeNull()
    const after = w.load()
    expect(after.store.services.map((s) => s.name).sort()).toEqual(['LV TSA 2019', 'LV TSA 2025'])
    expect(
      after.lists.map((l) => [l.territory, l.sequenceNumber, l.source, l.used, l.reasonKey]).sort(),
    ).toEqual([
      ['EU', 10, 'shipped', true, 'tsl_ok'],
      ['LV', 5, 'shipped', false, 'tsl_superseded'],
      ['LV', 6, 'installed', true, 'tsl_ok'],
    ])
    const tsaDecision = after.store.isTrustedAt(tsaNew.der, new Date('2025-06-01T00:00:00Z'), 'timestamp')
    expect(tsaDecision.trusted).toBe(true)
  })

  it('refuses a list changed after signing and installs nothing, not even the good files beside it', () => {
    const w = world('tampered')
    const good = lv(6, [tsa(tsaNew.der, 'LV TSA 2025', '2025-01-01T00:00:00Z')])
    const tampered = Buffer.from(good.toString('utf8').replace('LV TSA 2025', 'LV TSA 2O25'))
    const r = importTrustedLists({
      sourceDir: w.stick({ 'a-good.xml': lv(7, []), 'b-bad.xml': tampered }),
      shippedDir: w.shipped,
      home: w.home,
    })
    expect(r.results.map((x) => [x.file, x.outcome, x.reasonKey])).toEqual([
      ['a-good.xml', 'install', 'tsl_ok'],
      ['b-bad.xml', 'refused', 'tsl_digest'],
    ])
    expect(r.installedInto).toBeNull()
    expect(existsSync(w.home) ? currentGeneration(w.home) : null).toBeNull()
  })

  it('refuses an older list, a list signed by a certificate the LOTL does not name, and a different list with the same number', () => {
    const w = world('refusals')
    importTrustedLists({ sourceDir: w.stick({ 'lv.xml': lv(6, []) }), shippedDir: w.shipped, home: w.home })
    const before = currentGeneration(w.home)
    const r = importTrustedLists({
      sourceDir: w.stick({
        'older.xml': lv(4, []),
        'same.xml': lv(6, [tsa(tsaNew.der, 'x', '2025-01-01T00:00:00Z')]),
        'wrong.xml': lv(8, [], stranger),
      }),
      shippedDir: w.shipped,
      home: w.home,
    })
    expect(r.results.map((x) => [x.file, x.outcome, x.reasonKey])).toEqual([
      ['older.xml', 'refused', 'tsl_older'],
      ['same.xml', 'refused', 'tsl_same_sequence'],
      ['wrong.xml', 'refused', 'tsl_signer_not_allowed'],
    ])
    expect(currentGeneration(w.home)).toBe(before)
  })

  it('answers "already in use" for the very list in use and installs nothing', () => {
    const w = world('same')
    const r = importTrustedLists({
      sourceDir: w.stick({ 'lv.xml': readFileSync(join(w.shipped, 'LV-TSL.xml')) }),
      shippedDir: w.shipped,
      home: w.home,
    })
    expect(r.results).toMatchObject([{ outcome: 'current', reasonKey: 'tsl_already_current' }])
    expect(r.installedInto).toBeNull()
  })

  it('follows a LOTL signer change top-down: #11 (signed by the old signer) names the new one, #12 is signed by it', () => {
    const w = world('rollover')
    const r = importTrustedLists({
      sourceDir: w.stick({ '11.xml': lotl(11, lotl1, [lotl2.der]), '12.xml': lotl(12, lotl2, [lotl2.der]) }),
      shippedDir: w.shipped,
      home: w.home,
    })
    expect(r.results.map((x) => [x.sequenceNumber, x.outcome])).toEqual([
      [11, 'install'],
      [12, 'install'],
    ])
    // Both stay installed: at every load #12 is checked against the signers #11 names.
    expect(readdirSync(currentGeneration(w.home)!).sort()).toEqual(['EU-LOTL-11.xml', 'EU-LOTL-12.xml'])
    const loaded = w.load()
    expect(loaded.lists.filter((l) => l.used).map((l) => [l.territory, l.sequenceNumber])).toEqual([
      ['EU', 12],
      ['LV', 5],
    ])
    // A LOTL signed by the old signer after the change is no longer accepted.
    const late = importTrustedLists({
      sourceDir: w.stick({ 'x.xml': lotl(13, lotl1) }),
      shippedDir: w.shipped,
      home: w.home,
    })
    expect(late.results).toMatchObject([{ outcome: 'refused', reasonKey: 'tsl_signer_not_allowed' }])
  })

  it('ignores an installed LOTL that does not chain to the shipped one (a file dropped into the store by hand)', () => {
    const w = world('dropped')
    importTrustedLists({ sourceDir: w.stick({ 'lv.xml': lv(6, []) }), shippedDir: w.shipped, home: w.home })
    writeFileSync(join(currentGeneration(w.home)!, 'EU-LOTL-99.xml'), lotl(99, stranger, [stranger.der]))
    forgetMemoryCache()
    const loaded = w.load()
    expect(loaded.lists.find((l) => l.sequenceNumber === 99)).toMatchObject({
      used: false,
      reasonKey: 'tsl_signer_not_allowed',
    })
    expect(loaded.lists.filter((l) => l.used).map((l) => [l.territory, l.sequenceNumber])).toEqual([
      ['EU', 10],
      ['LV', 6],
    ])
  })
})
