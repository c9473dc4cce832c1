import type { XmlAttr, XmlDocument, XmlElement, XmlNode } from './dom'
import { NS } from './dom'

/**
 * Canonical XML 1.0, 1.1 and Exclusive XML Canonicalization, each with or without comments, for the
 * node-sets XML-DSig actually uses: a whole document (optionally minus an enveloped signature) or the
 * subtree of one element (a same-document `#id` reference, SignedInfo).
 */
export const C14N = {
  c14n10: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  c14n10c: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  c14n11: 'http://www.w3.org/2006/12/xml-c14n11',
  c14n11c: 'http://www.w3.org/2006/12/xml-c14n11#WithComments',
  exc: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  excc: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
} as const

export interface C14nMethod {
  kind: '1.0' | '1.1' | 'exc'
  comments: boolean
}

export function c14nMethod(uri: string): C14nMethod | null {
  switch (uri) {
    case C14N.c14n10:
      return { kind: '1.0', comments: false }
    case C14N.c14n10c:
      return { kind: '1.0', comments: true }
    case C14N.c14n11:
      return { kind: '1.1', comments: false }
    case C14N.c14n11c:
      return { kind: '1.1', comments: true }
    case C14N.exc:
      return { kind: 'exc', comments: false }
    case C14N.excc:
      return { kind: 'exc', comments: true }
  }
  return null
}

export interface C14nOptions extends C14nMethod {
  /** Exclusive c14n InclusiveNamespaces PrefixList ('#default' for the default namespace). */
  inclusivePrefixes?: string[]
  /** A subtree left out (the enveloped-signature transform). */
  exclude?: XmlElement | null
}

function escText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;',
  )
}

function escAttr(s: string): string {
  return s.replace(/[&<"\t\n\r]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '"'
          ? '&quot;'
          : c === '\t'
            ? '&#x9;'
            : c === '\n'
              ? '&#xA;'
              : '&#xD;',
  )
}

function cmpAttr(a: XmlAttr, b: XmlAttr): number {
  if (a.ns !== b.ns) return a.ns < b.ns ? -1 : 1
  return a.local < b.local ? -1 : a.local > b.local ? 1 : 0
}

function codeUnitCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Canonicalise a whole document. */
export function canonicalizeDocument(doc: XmlDocument, opts: C14nOptions): string {
  const parts: string[] = []
  const rootIndex = doc.children.indexOf(doc.root)
  doc.children.forEach((n, i) => {
    if (n.type === 'element') {
      serializeElement(n, opts, parts, true)
      return
    }
    if (n.type === 'comment' && !opts.comments) return
    if (n.type === 'text') return
    // Nodes outside the document element get a line break between them and the element.
    const s = n.type === 'comment' ? `<!--${n.value}-->` : `<?${n.target}${n.data ? ' ' + n.data : ''}?>`
    parts.push(i < rootIndex ? s + '\n' : '\n' + s)
  })
  return parts.join('')
}

/** Canonicalise the subtree of one element (the apex inherits namespaces from its ancestors). */
export function canonicalizeElement(el: XmlElement, opts: C14nOptions): string {
  const parts: string[] = []
  serializeElement(el, opts, parts, el.parent === null)
  return parts.join('')
}

interface Frame {
  el: XmlElement
  /** Namespace prefix -> URI as rendered by the nearest output ancestor. */
  rendered: Map<string, string>
  /** In-scope namespaces (all declarations, output or not). */
  scope: Map<string, string>
}

function ancestorScope(el: XmlElement): Map<string, string> {
  const chain: XmlElement[] = []
  for (let e = el.parent; e; e = e.parent) chain.push(e)
  const map = new Map<string, string>()
  for (let i = chain.length - 1; i >= 0; i--) for (const d of chain[i].nsDecls) map.set(d.prefix, d.uri)
  return map
}

/** xml:* attributes an apex inherits from its ancestors in inclusive c14n (1.1 leaves out xml:id, xml:base). */
function inheritedXmlAttrs(el: XmlElement, kind: '1.0' | '1.1'): XmlAttr[] {
  const found = new Map<string, XmlAttr>()
  for (let e = el.parent; e; e = e.parent) {
    for (const a of e.attrs) {
      if (a.ns !== NS.xml || found.has(a.local)) continue
      if (kind === '1.1' && (a.local === 'id' || a.local === 'base')) continue
      found.set(a.local, a)
    }
  }
  for (const a of el.attrs) if (a.ns === NS.xml) found.delete(a.local)
  return [...found.values()]
}

function serializeElement(apex: XmlElement, opts: C14nOptions, out: string[], isDocRoot: boolean): void {
  const exclusive = opts.kind === 'exc'
  const inclusive = new Set(opts.inclusivePrefixes?.map((p) => (p === '#default' ? '' : p)) ?? [])
  // Work list of either an element to open or a closing tag to emit; iterative for deep trees.
  type Item = { node: XmlNode; frame: Frame | null; parentFrame: Frame } | { close: string }
  const apexScope = isDocRoot ? new Map<string, string>() : ancestorScope(apex)
  const start: Frame = { el: apex, rendered: new Map([['', '']]), scope: apexScope }
  const stack: Item[] = [{ node: apex, frame: null, parentFrame: start }]
  let first = true
  while (stack.length) {
    const item = stack.pop() as Item
    if ('close' in item) {
      out.push(item.close)
      continue
    }
    const n = item.node
    if (n.type === 'text') {
      out.push(escText(n.value))
      continue
    }
    if (n.type === 'comment') {
      if (opts.comments) out.push(`<!--${n.value}-->`)
      continue
    }
    if (n.type === 'pi') {
      out.push(`<?${n.target}${n.data ? ' ' + n.data : ''}?>`)
      continue
    }
    if (n === opts.exclude) continue
    const pf = item.parentFrame
    // Copy-on-write: most elements declare nothing, so they share their parent's maps (hostile documents
    // with hundreds of declarations and many elements stay linear).
    const scope = n.nsDecls.length ? new Map(pf.scope) : pf.scope
    for (const d of n.nsDecls) scope.set(d.prefix, d.uri)
    let rendered = pf.rendered
    const nsOut: [string, string][] = []
    const render = (p: string, uri: string) => {
      if (rendered === pf.rendered) rendered = new Map(pf.rendered)
      nsOut.push([p, uri])
      rendered.set(p, uri)
    }
    if (exclusive) {
      const used = new Set<string>([n.prefix])
      for (const a of n.attrs) if (a.prefix && a.prefix !== 'xml') used.add(a.prefix)
      for (const p of inclusive) if (scope.has(p) || p === '') used.add(p)
      for (const p of used) {
        const uri = scope.get(p) ?? ''
        if (p === 'xml') continue
        if ((pf.rendered.get(p) ?? (p === '' ? '' : undefined)) === uri) continue
        if (p !== '' && uri === '') continue
        render(p, uri)
      }
    } else {
      // Below the apex every in-scope namespace was rendered by an output ancestor (only whole subtrees
      // are ever left out), so only this element's own declarations can differ.
      const candidates: Iterable<[string, string]> = first ? scope : n.nsDecls.map((d) => [d.prefix, d.uri])
      for (const [p, uri] of candidates) {
        if (p === 'xml' && uri === NS.xml) continue
        const prev = pf.rendered.get(p)
        if (prev === uri) continue
        if (p === '' && uri === '' && prev === undefined) continue
        render(p, uri)
      }
      // An output ancestor rendered a default namespace that is no longer in scope: undeclare it.
      if (!scope.has('') && (pf.rendered.get('') ?? '') !== '') render('', '')
    }
    nsOut.sort((a, b) => codeUnitCompare(a[0], b[0]))
    let attrs = n.attrs
    if (first && !exclusive && !isDocRoot)
      attrs = [...attrs, ...inheritedXmlAttrs(n, opts.kind as '1.0' | '1.1')]
    first = false
    attrs = [...attrs].sort(cmpAttr)
    let tag = '<' + n.qname
    for (const [p, uri] of nsOut) tag += (p ? ` xmlns:${p}="` : ' xmlns="') + escAttr(uri) + '"'
    for (const a of attrs) tag += ` ${a.qname}="${escAttr(a.value)}"`
    out.push(tag + '>')
    const frame: Frame = { el: n, rendered, scope }
    stack.push({ close: `</${n.qname}>` })
    for (let i = n.children.length - 1; i >= 0; i--)
      stack.push({ node: n.children[i], frame: null, parentFrame: frame })
  }
}
