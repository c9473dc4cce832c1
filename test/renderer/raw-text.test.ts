/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import { parse } from '@vue/compiler-sfc'
import { NodeTypes, type ElementNode, type TemplateChildNode } from '@vue/compiler-dom'

// Every template under src/renderer, read as source text by Vite (this project runs without Node types).
const sources = import.meta.glob('../../src/renderer/**/*.vue', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>
/** Attributes a person reads or hears; a literal value there is untranslated text. */
const readable = new Set([
  'placeholder',
  'title',
  'aria-label',
  'alt',
  'label',
  'header',
  'aria-description',
  'summary',
])
/** Text is raw when it has a letter in it; punctuation, digits and symbols alone are fine. */
const hasWords = (s: string): boolean => /\p{L}/u.test(s)

function rawText(nodes: TemplateChildNode[], found: string[]): string[] {
  for (const node of nodes) {
    if (node.type === NodeTypes.TEXT && hasWords(node.content)) found.push(`text "${node.content.trim()}"`)
    if (node.type === NodeTypes.ELEMENT) {
      const el = node as ElementNode
      for (const p of el.props) {
        if (p.type === NodeTypes.ATTRIBUTE && readable.has(p.name) && p.value && hasWords(p.value.content)) {
          found.push(`${p.name}="${p.value.content}" on <${el.tag}>`)
        }
      }
      rawText(el.children, found)
    }
    if (node.type === NodeTypes.IF) for (const b of node.branches) rawText(b.children, found)
    if (node.type === NodeTypes.FOR) rawText(node.children, found)
  }
  return found
}

export function findRawText(source: string): string[] {
  const { descriptor } = parse(source)
  return descriptor.template?.ast ? rawText(descriptor.template.ast.children, []) : []
}

describe('templates have no raw text', () => {
  it('catches text nodes and literal readable attributes (self-check)', () => {
    const bad =
      '<template><p>Sveiki {{ name }}</p><input placeholder="Meklēt" :title="t(\'x\')" /></template>'
    expect(findRawText(bad)).toEqual(['text "Sveiki"', 'placeholder="Meklēt" on <input>'])
    const good =
      '<template><p>{{ t("a") }} — {{ n }}: 1/2</p><input :placeholder="t(\'b\')" id="x" /></template>'
    expect(findRawText(good)).toEqual([])
  })

  const files = Object.entries(sources).map(([path, source]) => [
    path.replace('../../src/renderer/', ''),
    source,
  ])
  it('finds the renderer templates', () => {
    expect(files.length).toBeGreaterThan(10)
  })
  it.each(files)('%s', (_name, source) => {
    expect(findRawText(source)).toEqual([])
  })
})
