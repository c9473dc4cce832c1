import { mkdirSync, statSync } from 'node:fs'
import { hostname } from 'node:os'
import { parseArgs } from 'node:util'
import type { Command } from '../command'
import { UsageError } from '../command'
import { EXIT } from '../errors'
import { progressLine } from '../progress'
import { resourcesDir } from '../resources'
import { openDatabase } from '../../backend/db/open'
import { OutputError, toOutputError, writeOutput } from '../../backend/files/atomic'
import {
  auditPrint,
  documentEnv,
  printBatch,
  renderDocument,
  resolveDocument,
  type PrintTarget,
} from '../../backend/services/billing/print'

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
    const out = values.out
    const db = openDatabase(values.db, { create: false })
    try {
      const byId = kind === 'statement' && !/^[A-Z]+-\d{4}-\d+$/.test(key)
      const target: PrintTarget = byId ? { kind, id: key } : { kind, number: key }
      // Looked up before the output is opened: a wrong number leaves --out untouched.
      const doc = resolveDocument(db, target)
      const env = documentEnv(db, resourcesDir())
      await writeOutput(out, (stream) => renderDocument(db, env, { kind, id: doc.id }, stream))
      auditPrint(db, cliActor(), kind, doc.id, doc.customerId, 'cli')
      console.log(`${kind} ${doc.number} -> ${out}`)
      return EXIT.ok
    } finally {
      db.close()
    }
  },
}

export const printBatchCommand: Command = {
  name: 'print-batch',
  summary: 'Print every invoice or statement of a month (optionally one street) as PDFs',
  usage:
    'gasdesk print-batch --db FILE --kind invoices|statements --month YYYY-MM --out DIR [--street S] [--city C] [--single FILE.pdf] [--quiet]',
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
    const db = openDatabase(values.db, { create: false })
    const progress = progressLine('printed')
    try {
      if (values.out) makeFolder(values.out)
      const controller = new AbortController()
      process.once('SIGINT', () => controller.abort())
      const result = await printBatch(
        db,
        documentEnv(db, resourcesDir()),
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
          onProgress: values.quiet ? undefined : (d, t) => progress.update(d, t),
        },
        cliActor(),
      )
      progress.end()
      console.log(JSON.stringify({ total: result.total, printed: result.done, cancelled: result.cancelled }))
      return result.cancelled ? EXIT.interrupted : EXIT.ok
    } finally {
      progress.end()
      db.close()
    }
  },
}

/** --out DIR: created when missing; an existing file there is an output error, not a stack trace. */
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
  } catch (e) {
    throw toOutputError(dir, e)
  }
  if (!statSync(dir).isDirectory()) throw new OutputError(dir, 'notFolder')
}
