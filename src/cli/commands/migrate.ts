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
    // One of the three creators of databases: a missing or empty file becomes a new one here. A folder,
    // a device (/dev/null) or a damaged or newer file is refused by openDatabase before SQLite touches it.
    const db = openDatabase(values.db, { migrate: false, create: true })
    let before: number
    let after: number
    try {
      before = schemaVersion(db)
      after = before
    } finally {
      db.close()
    }
    if (before < LATEST_SCHEMA_VERSION) {
      const migrated = openDatabase(values.db, { create: true })
      try {
        after = schemaVersion(migrated)
      } finally {
        migrated.close()
      }
    }
    console.log(
      before === after
        ? `${values.db}: schema ${after} is current`
        : `${values.db}: schema ${before} -> ${after} (latest ${LATEST_SCHEMA_VERSION})`,
    )
    return 0
  },
}
