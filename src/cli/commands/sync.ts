import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase, type Db } from '../../backend/db/open'
import { ensureWorkstation } from '../../backend/db/workstation'
import { fileSecretStore, ownerOnlyCodec } from '../../backend/host/secret-file'
import type { SecretStore } from '../../backend/secrets'
import { readSyncStatus } from '../../backend/services/sync-status'
import { SyncCallError } from '../../backend/sync/api'
import { enrolDesk, SyncClient } from '../../backend/sync/client'
import type { Command } from '../command'
import { UsageError } from '../command'
import { EXIT } from '../errors'
import en from '../../../locales/en.json'

/** The browser shell's store: an owner-only file beside the database (the Electron app uses safeStorage). */
const secretsFor = (db: string): SecretStore =>
  fileSecretStore(join(dirname(db), 'secrets.json'), ownerOnlyCodec)

const open = (file: string): Db => {
  const db = openDatabase(file, { create: false })
  ensureWorkstation(db)
  return db
}

/** English words for a sync error's locale key (the CLI speaks English, like its other messages). */
function words(messageKey: string, fallback: string): string {
  let node: unknown = en
  for (const part of messageKey.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  return typeof node === 'string' ? node : fallback
}

function failureLine(e: unknown): string {
  if (e instanceof SyncCallError)
    return words(
      e.body?.messageKey ?? `sync.client.errors.${e.status === 401 ? 'needs-sign-in' : e.kind}`,
      e.message,
    )
  return e instanceof Error ? e.message : String(e)
}

export const enrolCommand: Command = {
  name: 'enrol',
  summary: 'Enrol this workstation with the central system using a one-time code',
  usage: 'gasdesk enrol --db FILE --central URL --code CODE',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, central: { type: 'string' }, code: { type: 'string' } },
      strict: true,
    })
    if (!values.db || !values.central || !values.code)
      throw new UsageError('--db FILE, --central URL and --code CODE are required')
    if (!/^https?:\/\/[^\s]+$/u.test(values.central)) throw new UsageError('--central must be an http(s) URL')
    const db = open(values.db)
    try {
      const res = await enrolDesk(db, secretsFor(values.db), fetch, values.central, values.code)
      console.log(
        `Enrolled as workstation ${res.workstationName} of service centre ${res.centreId} at ${values.central}`,
      )
      return EXIT.ok
    } catch (e) {
      console.error(`gasdesk enrol: ${failureLine(e)}`)
      return EXIT.failed
    } finally {
      db.close()
    }
  },
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Sync the outbox and the central’s changes (`sync status` shows where it stands)',
  usage: 'gasdesk sync --db FILE [--once] | gasdesk sync status --db FILE [--json]',
  async run(argv) {
    if (argv[0] === 'status') return status(argv.slice(1))
    const { values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, once: { type: 'boolean' } },
      strict: true,
    })
    if (!values.db) throw new UsageError('--db FILE is required')
    const db = open(values.db)
    const client = new SyncClient({ db, secrets: secretsFor(values.db), transport: fetch })
    if (!client.config) {
      db.close()
      console.error(
        'gasdesk sync: this workstation is not enrolled (gasdesk enrol --db FILE --central URL --code CODE)',
      )
      return EXIT.failed
    }
    if (values.once) {
      try {
        const r = await client.cycle()
        console.log(
          `Sent ${r.pushed}, rejected ${r.rejected}, conflicts ${r.conflicts}; received ${r.pulled}` +
            (r.deferred ? `, ${r.deferred} waiting for unsent changes` : '') +
            (r.blocked ? `; stopped at a change the central holds back (${r.blocked})` : ''),
        )
        return EXIT.ok
      } catch (e) {
        console.error(`gasdesk sync: ${failureLine(e)}`)
        return EXIT.failed
      } finally {
        db.close()
      }
    }
    let last = ''
    const print = () => {
      const s = readSyncStatus(db, client.state)
      const line = `${s.state}: ${s.pending} pending, ${s.rejected} rejected, ${s.conflicts} conflicts`
      if (line !== last) console.log((last = line))
    }
    const done = new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        void client.stop().then(resolve)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    const ticker = setInterval(print, 1000)
    client.start()
    await done
    clearInterval(ticker)
    db.close()
    return EXIT.interrupted
  },
}

function status(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  })
  if (!values.db) throw new UsageError('--db FILE is required')
  const db = openDatabase(values.db, { create: false })
  try {
    const s = readSyncStatus(db)
    if (values.json) console.log(JSON.stringify(s))
    else {
      console.log(
        `${s.state}${s.central ? ` (${s.central}, workstation ${s.workstation}, centre ${s.centre})` : ''}`,
      )
      console.log(`pending ${s.pending}, rejected ${s.rejected}, conflicts ${s.conflicts}`)
      console.log(`last sent ${s.lastPushAt ?? 'never'}, last received ${s.lastPullAt ?? 'never'}`)
      if (s.lastError) console.log(`last error: ${words(s.lastError.messageKey, s.lastError.code)}`)
    }
    return Promise.resolve(EXIT.ok)
  } finally {
    db.close()
  }
}
