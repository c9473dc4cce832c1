import type { Page } from 'playwright-core'

/**
 * What an agent would see as broken text, measured in the page (not guessed from CSS):
 * - `overflow`: an element whose content is wider than its box (scrollWidth > clientWidth) while the box
 *   neither scrolls (overflow-x auto/scroll) nor abbreviates (text-overflow: ellipsis);
 * - `wrapped`: a number, date or identifier cell (`.num`, `.date`, `.ident`) whose text runs over more
 *   than one line;
 * - `broken`: a word cut across two lines ("Summ/a", "Darbi/nieks", "01.12.20/26.").
 * Only visible elements under `root` are measured; each problem names the element and its text.
 */
export interface LayoutProblem {
  kind: 'overflow' | 'wrapped' | 'broken'
  where: string
  text: string
}

export async function layoutProblems(page: Page, root = '#main'): Promise<LayoutProblem[]> {
  return page.evaluate((rootSelector) => {
    const doc = (globalThis as any).document
    const win = globalThis as any
    const top = doc.querySelector(rootSelector)
    if (!top) return [{ kind: 'overflow', where: rootSelector, text: 'root not found' }]
    const problems: { kind: 'overflow' | 'wrapped' | 'broken'; where: string; text: string }[] = []
    const name = (el: any): string => {
      const cls =
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : ''
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}`
    }
    const visible = (el: any): boolean => {
      const s = win.getComputedStyle(el)
      if (s.display === 'none' || s.visibility === 'hidden') return false
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.height > 0
    }
    /** Distinct line tops of a range's boxes (a wrapped text has boxes on two or more lines). */
    const lines = (range: any): number => {
      const tops = new Set<number>()
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top))
      // Boxes on one line can differ by a pixel or two (baseline of mixed fonts): merge near tops.
      const sorted = [...tops].sort((a, b) => a - b)
      let n = 0
      let last = -Infinity
      for (const t of sorted) {
        if (t - last > 4) n++
        last = t
      }
      return n
    }
    for (const el of [top, ...top.querySelectorAll('*')]) {
      if (!visible(el)) continue
      const s = win.getComputedStyle(el)
      if (s.display === 'inline' || el.tagName === 'svg' || el.closest('svg')) continue
      const scrolls = s.overflowX === 'auto' || s.overflowX === 'scroll'
      const abbreviates = s.textOverflow === 'ellipsis'
      // A 1-pixel box is deliberately hidden text for screen readers (PrimeVue's p-hidden-accessible).
      if (!scrolls && !abbreviates && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 1) {
        problems.push({
          kind: 'overflow',
          where: name(el),
          text: `${el.scrollWidth} > ${el.clientWidth}: ${(el.textContent ?? '').trim().slice(0, 60)}`,
        })
      }
      if (el.matches('.num, .date, .ident')) {
        const range = doc.createRange()
        range.selectNodeContents(el)
        if (lines(range) > 1) problems.push({ kind: 'wrapped', where: name(el), text: el.textContent.trim() })
      }
    }
    // Words cut across lines: every word of every visible text node, measured on its own.
    const walker = doc.createTreeWalker(top, 4 /* NodeFilter.SHOW_TEXT */)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || !visible(parent) || parent.closest('svg, canvas, script, style')) continue
      const text: string = node.textContent ?? ''
      for (const m of text.matchAll(/\S{2,}/g)) {
        const range = doc.createRange()
        range.setStart(node, m.index)
        range.setEnd(node, m.index + m[0].length)
        if (lines(range) > 1) problems.push({ kind: 'broken', where: name(parent), text: m[0] })
      }
    }
    return problems
  }, root)
}

/**
 * Text an agent reads that is not in the language's forms (issue 10): ISO dates, months and timestamps
 * (`2026-12-27`, `2026-11`, `2025-03-19T16:59:29.000Z`), decimal points in Latvian and Russian (`9.4×`,
 * `27.3 kB`), a second stop after a Latvian date (`27.12.2026..`), and an amount glued to a bracket
 * (`148,37 €(`). Identifiers that merely contain such digits (`GD-2026-0000277`, `marketing-2024-09`) are
 * not dates.
 */
export function formatProblems(text: string, lang: 'lv' | 'ru' | 'en'): string[] {
  const found: string[] = []
  const iso =
    /(?<![\w-])(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|(?:19|20)\d{2}-(?:0[1-9]|1[0-2]))(?![\w-])/gu
  for (const m of text.matchAll(iso)) found.push(`ISO date: ${context(text, m.index)}`)
  if (lang !== 'en') {
    // Dates (27.11.2026.) and months (11.2026.) legitimately have points between digits: take them out first.
    const withoutDates = text.replace(/\b\d{1,2}\.\d{1,2}\.\d{4}\.?|\b\d{1,2}\.\d{4}\.?/gu, (s) =>
      ' '.repeat(s.length),
    )
    for (const m of withoutDates.matchAll(/\d\.\d/gu)) found.push(`decimal point: ${context(text, m.index)}`)
  }
  for (const m of text.matchAll(/\d{4}\.\./gu)) found.push(`double stop: ${context(text, m.index)}`)
  for (const m of text.matchAll(/[\d€]\(/gu)) found.push(`no space before "(": ${context(text, m.index)}`)
  return found
}

const context = (text: string, at: number): string =>
  text.slice(Math.max(0, at - 25), at + 30).replace(/\s+/gu, ' ')

/** Everything on screen as text: visible text plus the values of fields (date fields show their value). */
export async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document
    const values = [...doc.querySelectorAll('input')]
      .filter((i: any) => i.type !== 'hidden' && i.type !== 'password' && i.type !== 'file')
      .map((i: any) => i.value)
    return `${doc.body.innerText}\n${values.join('\n')}`
  })
}
