// On the base commit: recover a personal code through "<surname> <prefix>" searches.
import { createBackend } from './src/backend'
import { manualClock } from './src/backend/clock'
import { tempDir } from './test/helpers/tmp'
async function main() {
  const t = tempDir('oracle-base-')
  const b = await createBackend({ dbFile: t.file('d.sqlite'), shell: 'test', clock: manualClock(Date.parse('2026-11-27T09:00:00Z')), demoAgents: true })
  await b.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k')
  const draft = (first: string, code: string, n: number) => ({ kind: 'person', firstName: first, lastName: 'Orākula', personalCode: code, language: 'lv',
    address: { street: 'Lāčplēša iela', house: String(n), town: 'Rīga', postalCode: 'LV-1011' },
    premises: [{ address: { street: 'Lāčplēša iela', house: String(n), town: 'Rīga', postalCode: 'LV-1011' }, billingType: 'invoice', meter: { meteringPointId: `A55500000${n}`, serial: `OR-${n}`, digits: 5, maxFlowM3h: 6, installationReading: 0 } }] })
  const secret = '32076501234'
  const r = await b.dispatch('customers.create', { draft: draft('Anna', secret, 1) }, 'k')
  if (!r.ok) throw new Error(JSON.stringify(r))
  let known = '320765', searches = 0
  for (let step = 0; step < 5 && known.length < 11; step++) {
    for (let d = 0; d <= 9; d++) {
      searches++
      const s = (await b.dispatch('customers.search', { query: `Orākula ${known}${d}` }, 'k')) as any
      if (s.value.hits.length) { known += d; break }
    }
  }
  const audited = b.ctx.db.prepare('SELECT count(*) FROM audit_log WHERE action NOT IN (\'customer.create\')').pluck().get()
  console.log(`base: recovered ${known} (secret ${secret}) in ${searches} searches; audit rows for it: ${audited}`)
  b.close(); t.cleanup()
}
main()
