import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { methods } from '../../src/contract'

/*
 * Issue 15 item 5: one convention for stores (all in src/renderer/stores) and one name per area — the
 * renderer's billing area is called what the contract and the backend call it.
 */
const RENDERER = join(process.cwd(), 'src', 'renderer')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('renderer layout', () => {
  it('defines every Pinia store in src/renderer/stores', () => {
    const outside = filesUnder(RENDERER)
      .filter((f) => /\.(ts|vue)$/.test(f) && !f.startsWith(join(RENDERER, 'stores')))
      .filter((f) => /\bdefineStore\s*\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(RENDERER, f))
    expect(outside).toEqual([])
  })

  it('names feature folders after the contract’s areas where the contract has one', () => {
    const areas = new Set(Object.keys(methods).map((m) => m.split('.')[0]))
    expect(areas.has('billing')).toBe(true)
    const features = readdirSync(join(RENDERER, 'features'))
    expect(features).toContain('billing')
    // The old name of the billing area; the contract has no `invoices.*` methods.
    expect(areas.has('invoices')).toBe(false)
    expect(features).not.toContain('invoices')
  })
})
