import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '../../../src/core/audit/actions'

/** Every source file of the backend, as text. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  )
}

describe('the one list of audit actions', () => {
  it('holds every action the backend writes (audit rows and mutation names)', () => {
    const text = sources(join(__dirname, '../../../src/backend')).join('\n')
    const written = new Set<string>()
    // `action: 'x.y'` (recordAccess), `name: 'x.y'` (commitMutation specs), and `a ? 'x.y' : 'x.z'` names.
    for (const m of text.matchAll(/(?:action|name):\s*'([a-zA-Z]+\.[a-zA-Z]+)'/g)) written.add(m[1])
    for (const m of text.matchAll(
      /name:\s*[^'\n]*\?\s*'([a-zA-Z]+\.[a-zA-Z]+)'\s*:\s*'([a-zA-Z]+\.[a-zA-Z]+)'/g,
    ))
      m.slice(1).forEach((a) => written.add(a))
    for (const kind of ['invoice', 'statement']) written.add(`print.${kind}`)
    written.delete('document.pdf') // a file name inside a document, not an action
    expect([...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([])
    expect(written.size).toBeGreaterThan(20)
  })
})
