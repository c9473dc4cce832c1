import { mkdirSync, createWriteStream } from 'node:fs'
import { hostname } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Command } from '../command'
import { UsageError } from '../command'
import { openDatabase } from '../../backend/db/open'
import {
  DocumentNotFound,
  documentEnv,
  printBatch,
  printDocument,
  type PrintTarget,
} from '../../backend/services/billing/print'

const RESOURCES = resolve(__dirname, '../../../resources')
const cliActor = () => ({ agentId: null, workstation: `cli@${hostname()}`, nowMs: Date.now() })

export const printCommand: Command = {
  name: 'print',
  summary: 'Print a stored invoice (by number) or statement (by id or number) to a PDF file',
  usage:
    'gasdesk print invoice NUMBER --db FILE --out FILE.pdf | gasdesk print statement ID --db FILE --out FILE.pdf',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, out: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    })
    const [kind, key] = positionals
    if (kind !== 'invoice' && kind !== 'statement') throw new UsageError('print invoice|statement ...')
    if (!key) throw new UsageError(`the ${kind} ${kind === 'invoice' ? 'number' : 'id'} is required`)
    if (!values.db) throw new UsageError('--db FILE is required')
    if (!values.out) throw new UsageError('--out FILE.pdf is required')
    const db = openDatabase(values.db)
    try {
      const env = documentEnv(db, RESOURCES)
      const byId = kind === 'statement' && !/^[A-Z]+-\d{4}-\d+$/.test(key)
      const target: PrintTarget = byId ? { kind, id: key } : { kind, number: key }
      const doc = await printDocument(db, env, target, createWriteStream(values.out), cliActor(), 'cli')
      console.log(`${kind} ${doc.number} -> ${values.out}`)
      return 0
    } catch (e) {
      if (e instanceof DocumentNotFound) {
        console.error(e.message)
        return 2
      }
      throw e
    } finally {
      db.close()
    }
  },
}

export const printBatchCommand: Command = {
  name: 'print-batch',
  summary: 'Print every invoice or statement of a month (optionally one street) as PDFs',
  usage:
    'gasdesk print-batch --db FILE --kind invoices|statements --month YYYY-MM --out DIR [--street S] [--city C] [--single FILE.pdf]',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        kind: { type: 'string' },
        month: { type: 'string' },
        out: { type: 'string' },
        street: { type: 'string' },
        city: { type: 'string' },
        single: { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
      strict: true,
    })
    if (!values.db) throw new UsageError('--db FILE is required')
    if (values.kind !== 'invoices' && values.kind !== 'statements')
      throw new UsageError('--kind invoices|statements is required')
    if (!values.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))
      throw new UsageError('--month YYYY-MM is required')
    if (!values.out && !values.single) throw new UsageError('--out DIR (or --single FILE.pdf) is required')
    const db = openDatabase(values.db)
    try {
      if (values.out) mkdirSync(values.out, { recursive: true })
      const controller = new AbortController()
      process.once('SIGINT', () => controller.abort())
      const result = await printBatch(
        db,
        documentEnv(db, RESOURCES),
        {
          kind: values.kind === 'invoices' ? 'invoice' : 'statement',
          month: values.month,
          street: values.street,
          city: values.city,
        },
        {
          mode: values.single ? 'single' : 'files',
          outDir: values.out,
          outFile: values.single,
          signal: controller.signal,
          onProgress: values.quiet ? undefined : (d, t) => process.stderr.write(`\r${d}/${t}`),
        },
        cliActor(),
      )
      if (!values.quiet) process.stderr.write('\n')
      console.log(JSON.stringify({ total: result.total, printed: result.done, cancelled: result.cancelled }))
      return result.cancelled ? 130 : 0
    } finally {
      db.close()
    }
  },
}
