import { parseArgs } from 'node:util'
import type { Command } from '../command'
import { UsageError } from '../command'
import { openDatabase, schemaVersion } from '../../backend/db/open'
import { LATEST_SCHEMA_VERSION } from '../../backend/db/migrations'

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Create or upgrade a workstation database to the current schema',
  usage: 'gasdesk migrate --db FILE',
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { db: { type: 'string' } }, strict: true })
    if (!values.db) throw new UsageError('--db FILE is required')
    const db = openDatabase(values.db, { migrate: false })
    const before = schemaVersion(db)
    db.close()
    const migrated = openDatabase(values.db)
    const after = schemaVersion(migrated)
    migrated.close()
    console.log(
      before === after
        ? `${values.db}: schema ${after} is current`
        : `${values.db}: schema ${before} -> ${after} (latest ${LATEST_SCHEMA_VERSION})`,
    )
    return 0
  },
}
