import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { XmlError, parseXml } from '../../../../src/backend/signatures/xml/parser'
import { textOf } from '../../../../src/backend/signatures/xml/dom'

function reason(xml: string | Buffer): string {
  try {
    parseXml(xml)
    return 'ok'
  } catch (e) {
    if (e instanceof XmlError) return e.reasonKey
    throw e
  }
}

describe('hardened XML parser', () => {
  it('refuses DOCTYPE, so no XXE and no billion laughs', () => {
    expect(reason('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')).toBe('xml_doctype')
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'
    expect(reason(lol)).toBe('xml_doctype')
  })

  it('knows only the predefined entities and character references', () => {
    expect(reason('<r>&nbsp;</r>')).toBe('xml_entity')
    expect(reason('<r>&#0;</r>')).toBe('xml_entity')
    expect(textOf(parseXml('<r>&lt;&#x41;&#66;&amp;&#13;</r>').root)).toBe('<AB&\r')
  })

  it('caps nesting depth without overflowing the stack', () => {
    expect(reason('<a>'.repeat(100_000) + '</a>'.repeat(100_000))).toBe('xml_too_deep')
    expect(reason('<a>'.repeat(100) + '</a>'.repeat(100))).toBe('ok')
  })

  it('rejects malformed documents: mismatched tags, undeclared prefixes, duplicate attributes, truncation', () => {
    expect(reason('<a></b>')).toBe('xml_mismatched_tag')
    expect(reason('<p:a/>')).toBe('xml_namespace')
    expect(reason('<a x="1" x="2"/>')).toBe('xml_duplicate_attribute')
    expect(reason('<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>')).toBe('xml_duplicate_attribute')
    expect(reason('<a><b>')).toBe('xml_truncated')
    expect(reason('<a/><b/>')).toBe('xml_malformed')
    expect(reason(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]))).toBe('xml_encoding')
  })

  it('normalises line ends and attribute white space as XML 1.0 says', () => {
    const doc = parseXml('<a b="x\r\ny&#10;z">1\r\n2\r3</a>')
    expect(doc.root.attrs[0].value).toBe('x y\nz')
    expect(textOf(doc.root)).toBe('1\n2\n3')
  })

  it('never throws anything but XmlError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        try {
          parseXml('<r xmlns:a="u">' + s + '</r>')
        } catch (e) {
          expect(e).toBeInstanceOf(XmlError)
        }
      }),
      { numRuns: 2000, seed: 11 },
    )
  })
})
