import { describe, expect, it } from 'vitest'
import { fillMessage } from '../../src/core/message'

describe('fillMessage reads locale messages as vue-i18n does', () => {
  it('fills named parameters and leaves missing ones as written', () => {
    expect(fillMessage('Atsauce {ref}, {n} gab.', { ref: 'E1', n: 3 })).toBe('Atsauce E1, 3 gab.')
    expect(fillMessage('Atsauce {ref}', {})).toBe('Atsauce {ref}')
    expect(fillMessage('Atsauce {ref}', { ref: null })).toBe('Atsauce {ref}')
  })

  it("gives a literal {'@'} its text, so escaped messages print as they show", () => {
    expect(fillMessage("vards{'@'}domens.lv")).toBe('vards@domens.lv')
    expect(fillMessage("{ '{' }{name}{'}'}", { name: 'x' })).toBe('{x}')
  })
})
