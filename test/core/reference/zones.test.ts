import { describe, expect, it } from 'vitest'
import { GAS_ZONES, suggestGasZone } from '../../../src/core/reference/zones'
import { towns } from '../../../src/backend/seed/places'

describe('the gas zone suggested for a new premise', () => {
  it('matches the region of every town the demo data knows, across its postal codes', () => {
    for (const t of towns)
      for (let code = t.postal[0]; code <= t.postal[1]; code++)
        expect(suggestGasZone(`LV-${code}`), `${t.city} LV-${code}`).toBe(t.zone)
  })

  it('is a known zone or nothing', () => {
    for (let code = 1000; code <= 5999; code++) {
      const z = suggestGasZone(`LV-${code}`)
      if (z !== null) expect(GAS_ZONES).toContain(z)
    }
    expect(suggestGasZone('1010')).toBeNull()
  })
})
