/** The small DOM the hardened parser produces: enough for C14N, XML-DSig, XAdES and trusted lists. */
export interface XmlAttr {
  /** Qualified name as written, e.g. `Id`, `xml:lang`. Namespace declarations are not attributes here. */
  qname: string
  prefix: string
  local: string
  /** Resolved namespace URI ('' for none). */
  ns: string
  value: string
}

export interface XmlElement {
  type: 'element'
  qname: string
  prefix: string
  local: string
  ns: string
  attrs: XmlAttr[]
  /** Namespace declarations written on this element, prefix '' for the default namespace. */
  nsDecls: { prefix: string; uri: string }[]
  children: XmlNode[]
  parent: XmlElement | null
}

export interface XmlText {
  type: 'text'
  value: string
}

export interface XmlComment {
  type: 'comment'
  value: string
}

export interface XmlPI {
  type: 'pi'
  target: string
  data: string
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlPI

export interface XmlDocument {
  /** Top-level nodes in order: comments, PIs and exactly one element. */
  children: XmlNode[]
  root: XmlElement
}

export const NS = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  dsig11: 'http://www.w3.org/2009/xmldsig11#',
  xades: 'http://uri.etsi.org/01903/v1.3.2#',
  xades141: 'http://uri.etsi.org/01903/v1.4.1#',
  asic: 'http://uri.etsi.org/02918/v1.2.1#',
  manifest: 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0',
  tsl: 'http://uri.etsi.org/02231/v2#',
} as const

export function elementChildren(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element')
}

/** Child elements with this namespace and local name. */
export function childrenNamed(el: XmlElement, ns: string, local: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element' && c.ns === ns && c.local === local)
}

export function child(el: XmlElement | null | undefined, ns: string, local: string): XmlElement | null {
  if (!el) return null
  for (const c of el.children) if (c.type === 'element' && c.ns === ns && c.local === local) return c
  return null
}

/** Follows a path of local names in one namespace. */
export function path(el: XmlElement | null | undefined, ns: string, ...locals: string[]): XmlElement | null {
  let cur: XmlElement | null = el ?? null
  for (const l of locals) cur = child(cur, ns, l)
  return cur
}

export function attr(el: XmlElement, qname: string): string | null {
  for (const a of el.attrs) if (a.qname === qname && a.ns === '') return a.value
  for (const a of el.attrs) if (a.qname === qname) return a.value
  return null
}

/** Concatenated text content of the element and its descendants. */
export function textOf(el: XmlElement | null | undefined): string {
  if (!el) return ''
  let out = ''
  const walk = (n: XmlElement): void => {
    for (const c of n.children) {
      if (c.type === 'text') out += c.value
      else if (c.type === 'element') walk(c)
    }
  }
  walk(el)
  return out
}

/** Every descendant element (document order, iterative so deep trees cannot overflow the stack). */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = []
  const stack: XmlElement[] = [el]
  while (stack.length) {
    const n = stack.pop() as XmlElement
    out.push(n)
    const kids = elementChildren(n)
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i])
  }
  return out
}

/** In-scope namespace bindings of an element (nearest declaration wins). */
export function inScopeNamespaces(el: XmlElement): Map<string, string> {
  const chain: XmlElement[] = []
  for (let e: XmlElement | null = el; e; e = e.parent) chain.push(e)
  const map = new Map<string, string>()
  for (let i = chain.length - 1; i >= 0; i--) for (const d of chain[i].nsDecls) map.set(d.prefix, d.uri)
  return map
}
