import { parseArgs } from 'node:util'
import { openDatabase } from '../../backend/db/open'
import { writeFileAtomic } from '../../backend/files/atomic'
import { collectDiagnostics } from '../../backend/services/diagnostics'
import type { Command } from '../command'
import { UsageError } from '../command'
import { EXIT } from '../errors'
import { version } from '../../../package.json'

/**
 * `gasdesk diagnostics --db FILE --out FILE`: the desk's state for IT support as JSON — no secrets, no
 * personal codes, no customer data (services/diagnostics.ts). The database is opened as it is: never
 * created, never migrated.
 */
export const diagnosticsCommand: Command = {
  name: 'diagnostics',
  summary: 'Write the desk’s state for IT support (JSON; no secrets, personal codes or customer data)',
  usage: 'gasdesk diagnostics --db FILE --out FILE',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    })
    if (!values.db || !values.out) throw new UsageError('--db FILE and --out FILE are required')
    const db = openDatabase(values.db, { create: false, migrate: false })
    let json: string
    try {
      json = JSON.stringify(
        collectDiagnostics(db, {
          version,
          shell: 'cli',
          nowMs: Date.now(),
        }),
        null,
        2,
      )
    } finally {
      db.close()
    }
    // Owner-only: it names the workstation, its central and its problems.
    await writeFileAtomic(values.out, `${json}\n`, { mode: 0o600 })
    console.log(`Diagnostics written to ${values.out}`)
    return EXIT.ok
  },
}
