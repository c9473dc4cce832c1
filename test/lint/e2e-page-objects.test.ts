import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The end-to-end tests speak in the agent's terms; where things are on the page (selectors) is known only
// to the page objects in test/e2e/support, so a changed screen is fixed in one place.
const E2E = join(process.cwd(), 'test', 'e2e')
const SUPPORT = join(E2E, 'support')
const RAW_SELECTOR = /\.locator\(|\bpage\.\$\$?\(|waitForSelector\(/

/** The lines of a test file that reach for a selector themselves, as `file:line: text`. */
function rawSelectorLines(file: string, text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => [line, i + 1] as const)
    .filter(([line]) => RAW_SELECTOR.test(line))
    .map(([line, n]) => `${file}:${n}: ${line.trim()}`)
}

describe('e2e tests use page objects', () => {
  it('finds a raw selector call when there is one (the check is not blind)', () => {
    for (const code of [
      "await page.locator('#main').waitFor()",
      'const box = await page.$("#x")',
      "const all = await page.$$('.hit')",
      "await page.waitForSelector('.hit')",
      "await review.locator('[data-testid=decided]').innerText()",
    ]) {
      expect(rawSelectorLines('x.test.ts', code), code).toHaveLength(1)
    }
    expect(rawSelectorLines('x.test.ts', "await customers.open('100004322')")).toEqual([])
  })

  it('no test file under test/e2e calls a selector itself', () => {
    const files = readdirSync(E2E).filter((f) => f.endsWith('.test.ts'))
    expect(files.length).toBeGreaterThan(10)
    const found = files.flatMap((f) => rawSelectorLines(f, readFileSync(join(E2E, f), 'utf8')))
    expect(found).toEqual([])
  })

  it('each page object is defined once in test/e2e/support', () => {
    const classes = readdirSync(SUPPORT)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...readFileSync(join(SUPPORT, f), 'utf8').matchAll(/export class (\w+)/g)].map((m) => m[1]),
      )
    expect(classes.length).toBeGreaterThan(10)
    expect(classes.filter((c, i) => classes.indexOf(c) !== i)).toEqual([])
  })
})
