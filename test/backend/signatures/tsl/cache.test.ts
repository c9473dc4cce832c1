import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { forgetMemoryCache, loadTrustCached } from '../../../../src/backend/signatures/tsl/cache'
import { buildTrustStore, readListFiles } from '../../../../src/backend/signatures/tsl/store'
import { tempDir } from '../../../helpers/tmp'

const SHIPPED = join(__dirname, '../../../../resources/trust')
const tmp = tempDir('gasdesk-trust-cache-test-')
afterAll(() => tmp.cleanup())

/** What a store decides, in a comparable form: every service with its certificates and history. */
const shape = (l: ReturnType<typeof buildTrustStore>) => ({
  lists: l.lists.map((x) => [x.territory, x.used, x.reasonKey, x.sequenceNumber, x.issued, x.nextUpdate]),
  services: l.store.services.map((s) => [
    s.country,
    s.type,
    s.name,
    s.certificates.map((c) => c.toString('hex')),
    s.history,
    s.qualifiers,
  ]),
})

describe('verified trusted-list cache', () => {
  const files = readListFiles(SHIPPED)
  const fromXml = shape(buildTrustStore(files))

  it('verifies the shipped lists once, then answers from memory and, in a new process, from the cache folder', () => {
    const dir = tmp.file('a')
    forgetMemoryCache()
    const first = loadTrustCached(files, [], dir)
    expect(first.from).toBe('built')
    expect(shape(first)).toEqual(fromXml)
    expect(loadTrustCached(files, [], dir).from).toBe('memory')
    forgetMemoryCache() // as a new process would start
    const again = loadTrustCached(files, [], dir)
    expect(again.from).toBe('disk')
    expect(shape(again)).toEqual(fromXml)
    // The compact form decides exactly as the XML does.
    const lv = first.store.services.find((s) => s.country === 'LV' && /eID ICA 2021/i.test(s.name))!
    const at = new Date('2023-09-01T00:00:00Z')
    expect(again.store.isTrustedAt(lv.certificates[0], at, 'signature')).toMatchObject({ trusted: true })
  })

  it('ignores a cache entry edited after it was written, and rebuilds it from the lists', () => {
    const dir = tmp.file('b')
    forgetMemoryCache()
    loadTrustCached(files, [], dir)
    const [entry] = readdirSync(dir).filter((f) => f.endsWith('.json'))
    const text = readFileSync(join(dir, entry), 'utf8')
    // A forged service name (a trusted certificate could be swapped the same way).
    const forged = text.replace('"name":"eParaksts TSA A 2017"', '"name":"Evil TSA"')
    expect(forged).not.toBe(text)
    writeFileSync(join(dir, entry), forged)
    forgetMemoryCache()
    const r = loadTrustCached(files, [], dir)
    expect(r.from).toBe('built')
    expect(shape(r)).toEqual(fromXml)
    expect(readFileSync(join(dir, entry), 'utf8')).toBe(text)
    // Garbage in the entry: the same.
    writeFileSync(join(dir, entry), '{"format":')
    forgetMemoryCache()
    expect(loadTrustCached(files, [], dir).from).toBe('built')
  })

  it('is keyed by the lists’ content: a changed list is verified again (and here refused), never read from the cache', () => {
    const dir = tmp.file('c')
    forgetMemoryCache()
    loadTrustCached(files, [], dir)
    const changed = files.map((f) =>
      f.name.includes('LV-TSL')
        ? { ...f, bytes: Buffer.from(f.bytes.toString('utf8').replace('Comittee', 'Committee')) }
        : f,
    )
    const r = loadTrustCached(changed, [], dir)
    expect(r.from).toBe('built')
    expect(r.lists.find((l) => l.territory === 'LV')).toMatchObject({ used: false, reasonKey: 'tsl_digest' })
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(2)
  })

  it('adds test anchors on top of a cached store without caching them', () => {
    const dir = tmp.file('d')
    forgetMemoryCache()
    const anchor = Buffer.from('30820101', 'hex')
    const withAnchor = loadTrustCached(files, [anchor], dir)
    expect(withAnchor.store.testAnchors).toEqual([anchor])
    expect(loadTrustCached(files, [], dir).store.testAnchors).toEqual([])
  })
})
