import { basename, join } from 'node:path'
import { parseArgs } from 'node:util'
import type { DocumentReport } from '../../core/signatures/result'
import {
  loadAnchorDir,
  loadTrustDir,
  validateDocument,
  type ValidationOptions,
} from '../../backend/signatures'
import type { Command } from '../command'
import { UsageError } from '../command'
import { resourcesDir } from '../resources'
import { collectInputs, readDocument } from './verify-inputs'
import {
  briefLine,
  exitCode,
  readable,
  reasonText,
  summaryTable,
  toJson,
  type JsonEntry,
} from './verify-report'

export { exitCode, reasonText, toJson } from './verify-report'

/** `gasdesk verify`: validate signed documents offline with the bundled trusted lists. */

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Validate signed documents (.edoc/.asice/.bdoc, PDF, CMS) offline against the trusted lists',
  usage:
    'gasdesk verify FILE|DIR... [--json] [--content FILE] [--trust-test-pki] [--trust-dir DIR] [--at ISO-TIME]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        content: { type: 'string' },
        'trust-test-pki': { type: 'boolean' },
        'trust-dir': { type: 'string', multiple: true },
        at: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    })
    if (positionals.length === 0) throw new UsageError('at least one FILE or DIR is required')
    let validationTime = new Date()
    if (values.at !== undefined) {
      validationTime = new Date(values.at)
      if (!/^\d{4}-\d{2}-\d{2}/.test(values.at) || Number.isNaN(validationTime.getTime()))
        throw new UsageError(`--at: not an ISO time: ${values.at}`)
    }
    const started = performance.now()
    const trustDir = join(resourcesDir(), 'trust')
    const anchors: Buffer[] = []
    const anchorDirs = [
      ...(values['trust-test-pki'] ? [join(trustDir, 'test-pki')] : []),
      ...(values['trust-dir'] ?? []),
    ]
    for (const dir of anchorDirs) {
      try {
        anchors.push(...loadAnchorDir(dir))
      } catch {
        throw new UsageError(`cannot read trust directory ${dir}`)
      }
    }
    if (anchors.length > 0)
      console.error(
        `!! TEST PKI TRUSTED: ${anchors.length} test anchor(s) from ${anchorDirs.join(', ')} — not for production`,
      )
    const trust = loadTrustDir(trustDir, anchors)
    for (const l of trust.lists.filter((x) => !x.used))
      console.error(`warning: trusted list ${basename(l.file)} not used: ${reasonText(l.reasonKey)}`)
    let content: Buffer | undefined
    if (values.content) content = readDocument(values.content)
    const inputs = collectInputs(positionals)
    const progress = progressOnTerminal(inputs.files.length)
    const entries: JsonEntry[] = []
    for (const [i, file] of inputs.files.entries()) {
      progress.show(i, file)
      const entry = verifyOne(file, { validationTime, trustStore: trust.store, content })
      entries.push(entry)
      // A folder is reported one line per file as it goes (the progress for a log or a pipe).
      if (inputs.walked && !values.json) progress.line(briefLine(entry))
    }
    progress.end()
    if (values.json) console.log(JSON.stringify(entries, null, 2))
    else if (!inputs.walked) console.log(entries.map(readable).join('\n\n'))
    if (!values.json && entries.length + inputs.skipped > 1)
      console.log(summaryTable(entries, performance.now() - started, inputs.skipped))
    return exitCode(entries.map((e) => e.status))
  },
}

function verifyOne(file: string, options: ValidationOptions): JsonEntry {
  let report: DocumentReport
  try {
    report = validateDocument(readDocument(file), basename(file), options)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    return {
      file,
      status: 'FORMAT_ERROR',
      container: 'unknown',
      signatures: [],
      files: [],
      warnings: [],
      error: e.message,
      validationTime: options.validationTime.toISOString(),
    }
  }
  return toJson(file, report)
}

/**
 * On a terminal, `[i/n] file` redrawn in place on stderr while a file is checked; elsewhere nothing
 * (stdout's one line per file is the progress there). Lines printed meanwhile clear it first.
 */
function progressOnTerminal(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true && total > 1
  let drawn = false
  const clear = () => {
    if (drawn) stream.write('\r\x1b[K')
    drawn = false
  }
  return {
    show(index: number, file: string) {
      if (!tty) return
      const width = Math.max(20, (stream.columns || 80) - 12)
      const name = file.length > width ? `…${file.slice(-(width - 1))}` : file
      stream.write(`\r[${index + 1}/${total}] ${name}\x1b[K`)
      drawn = true
    },
    line(text: string) {
      clear()
      console.log(text)
    },
    end: clear,
  }
}
