import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseXml } from '../../../../src/backend/signatures/xml/parser'
import { NS, child, descendants } from '../../../../src/backend/signatures/xml/dom'
import {
  base64Of,
  canonicalize,
  indexIds,
  parseSignedInfo,
  referenceDigest,
  referenceOctets,
  type Target,
} from '../../../../src/backend/signatures/xml/dsig'
import { signatureAlgorithm, verifySignature } from '../../../../src/backend/signatures/xml/algorithms'

// xmlsec1 (libxml2's canonicaliser) signs; our canonicaliser must reproduce every digest and SignedInfo.
const dir = mkdtempSync(join(tmpdir(), 'gasdesk-c14n-'))

const C14NS = [
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  'http://www.w3.org/2006/12/xml-c14n11',
  'http://www.w3.org/2006/12/xml-c14n11#WithComments',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
]

const KEYS = {
  rsa: { gen: ['-newkey', 'rsa:2048'], alg: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' },
  ec384: {
    gen: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'],
    alg: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384',
  },
  ec256: {
    gen: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    alg: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  },
}

function template(c14n: string, sigAlg: string, inclusive: string): string {
  const incl = inclusive
    ? `<ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="${inclusive}"/>`
    : ''
  const t = `<ds:Transform Algorithm="${c14n}">${incl}</ds:Transform>`
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- leading comment -->
<?app some data?>
<r:Root xmlns:r="urn:r" xmlns="urn:default" xmlns:unused="urn:unused" xml:lang="lv" a="1">
  <Data Id="d1" b="x&#9;y&#13;z
w" xmlns:x="urn:x" x:attr="v" a2='q"q&lt;' xmlns:r="urn:r">Text &amp; &lt; &gt; &#13; ąčē 𝄞 <x:E   /><!-- inner --><![CDATA[<cdata>]]><r:Inner xmlns:x="urn:x2"><x:F zz="1" aa="2"/></r:Inner></Data>
  <Empty xmlns=""><In xmlns="urn:other" xml:space="preserve"><Deeper xmlns=""/></In></Empty>
  <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
    <ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="${c14n}">${incl}</ds:CanonicalizationMethod>
      <ds:SignatureMethod Algorithm="${sigAlg}"/>
      <ds:Reference URI="">
        <ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>${t}</ds:Transforms>
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/>
      </ds:Reference>
      <ds:Reference URI="#d1">
        <ds:Transforms>${t}</ds:Transforms>
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#sha384"/><ds:DigestValue/>
      </ds:Reference>
    </ds:SignedInfo>
    <ds:SignatureValue/>
    <ds:KeyInfo><ds:X509Data/></ds:KeyInfo>
  </ds:Signature>
  <!-- trailing inner comment -->
</r:Root>
<!-- trailing comment -->
`
}

function sign(xml: string, key: keyof typeof KEYS, name: string): Buffer {
  const tmpl = join(dir, `${name}.xml`)
  const out = join(dir, `${name}.signed.xml`)
  writeFileSync(tmpl, xml)
  execFileSync('xmlsec1', [
    '--sign',
    '--privkey-pem',
    `${join(dir, key)}.key,${join(dir, key)}.crt`,
    '--id-attr:Id',
    'urn:default:Data',
    '--output',
    out,
    tmpl,
  ])
  return readFileSync(out)
}

/** Our verdict on one signed document: each reference and the SignatureValue. */
function verify(bytes: Buffer): { refs: boolean[]; value: string } {
  const doc = parseXml(bytes)
  const sig = descendants(doc.root).find((e) => e.ns === NS.ds && e.local === 'Signature')
  if (!sig) throw new Error('no signature')
  const si = parseSignedInfo(sig)
  const { byId } = indexIds(doc)
  const refs = si.references.map((r) => {
    const target: Target =
      r.uri === '' ? { kind: 'document', doc } : { kind: 'element', el: byId.get(r.uri!.slice(1))! }
    return referenceDigest(r, referenceOctets(r, target, sig)).equals(r.digestValue)
  })
  const cert = new X509Certificate(base64Of(descendants(sig).find((e) => e.local === 'X509Certificate')!))
  const alg = signatureAlgorithm(si.signatureMethod)!
  const value = verifySignature(
    alg,
    cert.publicKey,
    Buffer.from(canonicalize(si.el, si.c14n), 'utf8'),
    base64Of(child(sig, NS.ds, 'SignatureValue')),
  )
  return { refs, value }
}

describe('C14N 1.0 / 1.1 / exclusive agree with xmlsec1', () => {
  beforeAll(() => {
    for (const [name, k] of Object.entries(KEYS)) {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          ...k.gen,
          '-nodes',
          '-keyout',
          join(dir, `${name}.key`),
          '-out',
          join(dir, `${name}.crt`),
          '-subj',
          '/CN=c14n test',
          '-days',
          '2',
        ],
        { stdio: 'ignore' },
      )
    }
  })

  for (const c14n of C14NS) {
    for (const key of Object.keys(KEYS) as (keyof typeof KEYS)[]) {
      it(`${c14n.split('/').pop()} with ${key}`, () => {
        const signed = sign(template(c14n, KEYS[key].alg, ''), key, `${key}-${C14NS.indexOf(c14n)}`)
        expect(verify(signed)).toEqual({ refs: [true, true], value: 'ok' })
      })
    }
  }

  it('exclusive c14n honours InclusiveNamespaces PrefixList', () => {
    const signed = sign(template(C14NS[4], KEYS.rsa.alg, 'unused #default'), 'rsa', 'incl')
    expect(verify(signed)).toEqual({ refs: [true, true], value: 'ok' })
  })

  it('a changed character in signed content breaks the digest, a changed SignedInfo the signature', () => {
    const signed = sign(template(C14NS[2], KEYS.ec384.alg, ''), 'ec384', 'tamper').toString('utf8')
    expect(verify(Buffer.from(signed.replace('ąčē', 'ąče'))).refs).toEqual([false, false])
    const si = signed.replace('<ds:Reference URI="">', '<ds:Reference URI="" Id="x">')
    expect(verify(Buffer.from(si)).value).toBe('bad')
  })
})

describe('C14N on hostile shapes', () => {
  it('hundreds of namespace declarations over many elements stay linear', () => {
    const decls = Array.from({ length: 200 }, (_, i) => ` xmlns:p${i}="urn:p${i}"`).join('')
    const xml = `<r${decls}>${'<a><b/></a>'.repeat(50_000)}</r>`
    const doc = parseXml(xml)
    for (const algorithm of C14NS) {
      const out = canonicalize(doc.root, { algorithm })
      expect(out.endsWith('</a></r>')).toBe(true)
    }
  })
})
