import type { XmlAttr, XmlDocument, XmlElement, XmlNode } from './dom'
import { NS } from './dom'

/**
 * A hardened, non-validating XML parser. Signed XML is hostile input: no DOCTYPE (so no entities, no
 * XXE, no billion laughs), only the five predefined entities and character references, and caps on
 * size, depth, node count and attributes. Namespaces are resolved; undeclared prefixes are errors.
 */
export interface XmlLimits {
  maxBytes: number
  maxDepth: number
  maxNodes: number
  maxAttributes: number
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 16 * 1024 * 1024,
  maxDepth: 128,
  maxNodes: 1_000_000,
  maxAttributes: 256,
}

export class XmlError extends Error {
  constructor(
    readonly reasonKey: string,
    readonly offset = -1,
  ) {
    super(`${reasonKey} at ${offset}`)
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
// Name characters per XML 1.0 (5th ed.), checked by code point; surrogates pass as halves of astral chars.
function isNameStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x5f ||
    c === 0x3a ||
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  )
}

function isNameChar(c: number): boolean {
  return (
    isNameStart(c) ||
    c === 0x2d ||
    c === 0x2e ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    c === 0x203f ||
    c === 0x2040
  )
}

/** True when the text holds a character XML 1.0 forbids (controls other than tab/LF/CR, U+FFFE/FFFF). */
function hasIllegal(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff) return true
  }
  return false
}

function decode(bytes: Buffer): string {
  let b = bytes
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3)
  if (b.length >= 2 && ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0xff && b[1] === 0xfe)))
    throw new XmlError('xml_encoding', 0)
  const head = b.subarray(0, 200).toString('latin1')
  const m = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)
  const enc = m ? m[1].toLowerCase() : 'utf-8'
  if (enc === 'utf-8' || enc === 'utf8') {
    try {
      return utf8.decode(b)
    } catch {
      throw new XmlError('xml_encoding', 0)
    }
  }
  if (enc === 'iso-8859-1' || enc === 'latin1' || enc === 'us-ascii') return b.toString('latin1')
  throw new XmlError('xml_encoding', 0)
}

export function parseXml(input: Buffer | string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlDocument {
  const size = typeof input === 'string' ? input.length : input.length
  if (size > limits.maxBytes) throw new XmlError('xml_too_large', 0)
  let src = typeof input === 'string' ? input : decode(input)
  // XML 1.0 §2.11 end-of-line handling, before anything else.
  if (src.includes('\r')) src = src.replace(/\r\n?/g, '\n')
  return new Parser(src, limits).parse()
}

class Parser {
  private pos = 0
  private nodes = 0
  constructor(
    private readonly s: string,
    private readonly limits: XmlLimits,
  ) {}

  private fail(key: string): never {
    throw new XmlError(key, this.pos)
  }

  private startsWith(t: string): boolean {
    return this.s.startsWith(t, this.pos)
  }

  private skipWs(): void {
    const s = this.s
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos)
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) this.pos++
      else break
    }
  }

  private name(): string {
    const s = this.s
    const start = this.pos
    if (this.pos >= s.length || !isNameStart(s.charCodeAt(this.pos))) this.fail('xml_malformed')
    this.pos++
    while (this.pos < s.length && isNameChar(s.charCodeAt(this.pos))) this.pos++
    return s.slice(start, this.pos)
  }

  private count(): void {
    if (++this.nodes > this.limits.maxNodes) this.fail('xml_too_many_nodes')
  }

  parse(): XmlDocument {
    const children: XmlNode[] = []
    let root: XmlElement | null = null
    if (this.startsWith('<?xml')) {
      const end = this.s.indexOf('?>', this.pos)
      if (end < 0) this.fail('xml_malformed')
      this.pos = end + 2
    }
    for (;;) {
      this.skipWs()
      if (this.pos >= this.s.length) break
      if (this.startsWith('<!--')) children.push(this.comment())
      else if (this.startsWith('<!DOCTYPE') || this.startsWith('<!ENTITY') || this.startsWith('<!'))
        this.fail('xml_doctype')
      else if (this.startsWith('<?')) children.push(this.pi())
      else if (this.startsWith('<')) {
        if (root) this.fail('xml_malformed')
        root = this.element(null)
        children.push(root)
      } else this.fail('xml_malformed')
    }
    if (!root) this.fail('xml_no_root')
    return { children, root }
  }

  private comment(): XmlNode {
    const end = this.s.indexOf('-->', this.pos + 4)
    if (end < 0) this.fail('xml_malformed')
    const value = this.s.slice(this.pos + 4, end)
    if (value.includes('--') || hasIllegal(value)) this.fail('xml_malformed')
    this.pos = end + 3
    this.count()
    return { type: 'comment', value }
  }

  private pi(): XmlNode {
    this.pos += 2
    const target = this.name()
    if (target.toLowerCase() === 'xml') this.fail('xml_malformed')
    const end = this.s.indexOf('?>', this.pos)
    if (end < 0) this.fail('xml_malformed')
    const raw = this.s.slice(this.pos, end)
    if (raw.length && !/^[ \n\t]/.test(raw)) this.fail('xml_malformed')
    this.pos = end + 2
    this.count()
    return { type: 'pi', target, data: raw.replace(/^[ \n\t]+/, '') }
  }

  /** Parses elements iteratively (an explicit stack), so nesting depth is bounded by the cap, not the JS stack. */
  private element(parent: XmlElement | null): XmlElement {
    const stack: XmlElement[] = []
    const first = this.openTag(parent, 0)
    if (first.selfClosed) return first.el
    stack.push(first.el)
    const s = this.s
    while (stack.length) {
      const cur = stack[stack.length - 1]
      if (this.pos >= s.length) this.fail('xml_truncated')
      if (s.charCodeAt(this.pos) === 0x3c /* < */) {
        if (this.startsWith('</')) {
          this.pos += 2
          const n = this.name()
          this.skipWs()
          if (s[this.pos] !== '>' || n !== cur.qname) this.fail('xml_mismatched_tag')
          this.pos++
          stack.pop()
        } else if (this.startsWith('<!--')) cur.children.push(this.comment())
        else if (this.startsWith('<![CDATA[')) {
          const end = s.indexOf(']]>', this.pos + 9)
          if (end < 0) this.fail('xml_truncated')
          const value = s.slice(this.pos + 9, end)
          if (hasIllegal(value)) this.fail('xml_malformed')
          this.pos = end + 3
          this.pushText(cur, value)
        } else if (this.startsWith('<!')) this.fail('xml_doctype')
        else if (this.startsWith('<?')) cur.children.push(this.pi())
        else {
          const next = this.openTag(cur, stack.length)
          if (!next.selfClosed) stack.push(next.el)
        }
      } else {
        let end = s.indexOf('<', this.pos)
        if (end < 0) end = s.length
        const raw = s.slice(this.pos, end)
        if (raw.includes(']]>')) this.fail('xml_malformed')
        this.pos = end
        this.pushText(cur, this.unescape(raw, false))
      }
    }
    return first.el
  }

  private pushText(el: XmlElement, value: string): void {
    const last = el.children[el.children.length - 1]
    if (last && last.type === 'text') last.value += value
    else {
      this.count()
      el.children.push({ type: 'text', value })
    }
  }

  private openTag(parent: XmlElement | null, depth: number): { el: XmlElement; selfClosed: boolean } {
    if (depth >= this.limits.maxDepth) this.fail('xml_too_deep')
    this.count()
    this.pos++
    const qname = this.name()
    const raw: { qname: string; value: string }[] = []
    const s = this.s
    let selfClosed = false
    for (;;) {
      const before = this.pos
      this.skipWs()
      if (this.pos >= s.length) this.fail('xml_truncated')
      if (s[this.pos] === '>') {
        this.pos++
        break
      }
      if (this.startsWith('/>')) {
        this.pos += 2
        selfClosed = true
        break
      }
      if (before === this.pos) this.fail('xml_malformed')
      const an = this.name()
      this.skipWs()
      if (s[this.pos] !== '=') this.fail('xml_malformed')
      this.pos++
      this.skipWs()
      const q = s[this.pos]
      if (q !== '"' && q !== "'") this.fail('xml_malformed')
      const end = s.indexOf(q, this.pos + 1)
      if (end < 0) this.fail('xml_truncated')
      const rawValue = s.slice(this.pos + 1, end)
      if (rawValue.includes('<')) this.fail('xml_malformed')
      this.pos = end + 1
      if (raw.some((r) => r.qname === an)) this.fail('xml_duplicate_attribute')
      if (raw.length >= this.limits.maxAttributes) this.fail('xml_too_many_attributes')
      raw.push({ qname: an, value: this.unescape(rawValue, true) })
    }
    const nsDecls: { prefix: string; uri: string }[] = []
    const plain: { qname: string; value: string }[] = []
    for (const r of raw) {
      if (r.qname === 'xmlns') nsDecls.push({ prefix: '', uri: r.value })
      else if (r.qname.startsWith('xmlns:')) {
        const p = r.qname.slice(6)
        // Namespaces in XML 1.0 forbids undeclaring a prefix and binding `xmlns`.
        if (p.includes(':') || r.value === '') this.fail('xml_namespace')
        if (p === 'xmlns' || (p === 'xml' && r.value !== NS.xml)) this.fail('xml_namespace')
        nsDecls.push({ prefix: p, uri: r.value })
      } else plain.push(r)
    }
    const el: XmlElement = {
      type: 'element',
      qname,
      prefix: '',
      local: qname,
      ns: '',
      attrs: [],
      nsDecls,
      children: [],
      parent,
    }
    const [prefix, local] = splitName(qname, () => this.fail('xml_namespace'))
    el.prefix = prefix
    el.local = local
    el.ns = this.resolve(el, prefix, true)
    const attrs: XmlAttr[] = []
    for (const r of plain) {
      const [p, l] = splitName(r.qname, () => this.fail('xml_namespace'))
      const ns = p ? this.resolve(el, p, false) : ''
      if (ns && attrs.some((a) => a.ns === ns && a.local === l)) this.fail('xml_duplicate_attribute')
      attrs.push({ qname: r.qname, prefix: p, local: l, ns, value: r.value })
    }
    el.attrs = attrs
    if (parent) parent.children.push(el)
    return { el, selfClosed }
  }

  private resolve(el: XmlElement, prefix: string, isElement: boolean): string {
    if (prefix === 'xml') return NS.xml
    if (!prefix && !isElement) return ''
    for (let e: XmlElement | null = el; e; e = e.parent) {
      for (const d of e.nsDecls) if (d.prefix === prefix) return d.uri
    }
    if (!prefix) return ''
    return this.fail('xml_namespace')
  }

  private unescape(raw: string, attribute: boolean): string {
    if (hasIllegal(raw)) this.fail('xml_malformed')
    // Attribute-value normalisation (XML 1.0 §3.3.3): literal white space becomes a space; white space
    // from character references survives, which is why this runs before references are expanded.
    const text = attribute ? raw.replace(/[\t\n\r]/g, ' ') : raw
    if (!text.includes('&')) return text
    return text.replace(/&([^;&]{0,12});?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) this.fail('xml_entity')
      switch (ref) {
        case 'lt':
          return '<'
        case 'gt':
          return '>'
        case 'amp':
          return '&'
        case 'quot':
          return '"'
        case 'apos':
          return "'"
      }
      let cp = NaN
      if (/^#x[0-9A-Fa-f]{1,6}$/.test(ref)) cp = parseInt(ref.slice(2), 16)
      else if (/^#[0-9]{1,7}$/.test(ref)) cp = parseInt(ref.slice(1), 10)
      if (
        !Number.isFinite(cp) ||
        cp > 0x10ffff ||
        (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) ||
        (cp >= 0xd800 && cp <= 0xdfff) ||
        cp === 0xfffe ||
        cp === 0xffff
      )
        this.fail('xml_entity')
      return String.fromCodePoint(cp)
    })
  }
}

function splitName(qname: string, fail: () => never): [string, string] {
  const i = qname.indexOf(':')
  if (i < 0) return ['', qname]
  if (i === 0 || i === qname.length - 1 || qname.indexOf(':', i + 1) >= 0) fail()
  return [qname.slice(0, i), qname.slice(i + 1)]
}
