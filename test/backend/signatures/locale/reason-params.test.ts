import { X509Certificate } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fillMessage } from '../../../../src/core/message'
import type { DocumentReport } from '../../../../src/core/signatures/result'
import { loadTrustDir, validateDocument } from '../../../../src/backend/signatures'
import en from '../../../../locales/en.json'
import lv from '../../../../locales/lv.json'
import ru from '../../../../locales/ru.json'
import { buildZip } from '../zip/zip-builder'

/**
 * Every reason message, in every language, is shown with its parameters filled in: no `{name}` may reach
 * an agent. Pinned twice: each key rendered with the parameters its English text names, and every reason
 * the validator actually emits (checks, document warnings, the document error) rendered with the
 * parameters it came with.
 */
type Reasons = Record<string, string>
const LANGS: [string, Reasons][] = [
  ['en', en.signatures.reasons as Reasons],
  ['lv', lv.signatures.reasons as Reasons],
  ['ru', ru.signatures.reasons as Reasons],
]
const EN = LANGS[0][1]
const leftover = (s: string) => /\{\s*\w+\s*\}/.exec(s)?.[0] ?? null
const placeholders = (s: string) => [...s.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1])

describe('reason messages: parameters filled in every language', () => {
  it('every key exists in LV, EN and RU and renders fully with the parameters the English text names', () => {
    const problems: string[] = []
    for (const key of Object.keys(EN)) {
      const params = Object.fromEntries(placeholders(EN[key]).map((p) => [p, `<${p}>`]))
      for (const [lang, reasons] of LANGS) {
        const msg = reasons[key]
        if (msg === undefined) problems.push(`${lang}: ${key} missing`)
        else if (leftover(fillMessage(msg, params)))
          problems.push(`${lang}: ${key} leaves ${leftover(fillMessage(msg, params))}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('every reason key written in the validator source has a message', () => {
    const dir = join(__dirname, '../../../../src/backend/signatures')
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
    const keys = new Set<string>()
    for (const f of files)
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(
        /'((?:xml|pki|cms|asic|zip|pdf|doc|tsl)_[a-z0-9_]+)'/g,
      ))
        keys.add(m[1])
    // Template-built keys (`xml_cert_${state}`) are listed by their expansions in the locales already.
    expect([...keys].filter((k) => EN[k] === undefined)).toEqual([])
  })

  const FIX = '/work/shared/fixtures/signatures'
  const TRUST = join(__dirname, '../../../../resources/trust')
  const demo = Buffer.from(new X509Certificate(readFileSync(join(FIX, 'certs/DEMO_LV_eID_ICA_2021.pem'))).raw)
  const store = loadTrustDir(TRUST, [demo]).store
  const files = readFileSync(join(FIX, 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[0])
    .filter((f) => !/^(tsl|certs)\//.test(f) && !f.endsWith('.txt'))
  const wrongMimetype = buildZip([
    { name: 'mimetype', data: 'application/x-not-a-container', store: true },
    { name: 'a.txt', data: 'x' },
    { name: 'META-INF/manifest.xml', data: '<x/>' },
  ])

  it('every reason the validator emits on the fixtures (and a wrong mimetype) renders fully', () => {
    const reports: [string, DocumentReport][] = files.map((f) => [
      f,
      validateDocument(readFileSync(join(FIX, f)), f, {
        validationTime: new Date('2025-09-01Z'),
        trustStore: store,
      }),
    ])
    reports.push([
      'wrong-mimetype.asice',
      validateDocument(wrongMimetype, 'x.asice', { validationTime: new Date(), trustStore: store }),
    ])
    const problems: string[] = []
    let rendered = 0
    for (const [file, r] of reports) {
      const rows = [
        ...r.signatures.flatMap((s) => s.checks),
        ...r.warnings,
        ...(r.errorKey ? [{ reasonKey: r.errorKey, params: r.errorParams }] : []),
      ]
      for (const c of rows)
        for (const [lang, reasons] of LANGS) {
          const msg = reasons[c.reasonKey]
          rendered++
          if (msg === undefined) problems.push(`${file} ${lang}: ${c.reasonKey} has no message`)
          else if (leftover(fillMessage(msg, c.params)))
            problems.push(`${file} ${lang}: ${c.reasonKey} leaves ${leftover(fillMessage(msg, c.params))}`)
        }
    }
    expect(problems).toEqual([])
    expect(rendered).toBeGreaterThan(files.length * 3)
  })
})
