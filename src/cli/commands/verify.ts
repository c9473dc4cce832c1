import { readFileSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { DocumentReport, DocumentStatus } from '../../core/signatures/result'
import { fillMessage } from '../../core/message'
import { loadAnchorDir, loadTrustDir, validateDocument, MAX_DOCUMENT_BYTES } from '../../backend/signatures'
import type { Command } from '../command'
import { UsageError } from '../command'
import en from '../../../locales/en.json'

/** `gasdesk verify`: validate signed documents offline with the bundled trusted lists. */
const TRUST_DIR = resolve(__dirname, '../../../resources/trust')
const TEST_PKI_DIR = resolve(TRUST_DIR, 'test-pki')

interface JsonEntry {
  file: string
  status: DocumentStatus
  container: string
  signatures: {
    id: string
    format: string
    indication: string
    subIndication: string | null
    level: string | null
    signer: DocumentReport['signatures'][number]['signer']
    signedAt: string | null
    claimedSigningTime: string | null
    timestampTime: string | null
    algorithms: DocumentReport['signatures'][number]['algorithms']
    checks: {
      id: string
      outcome: string
      reasonKey: string
      reason: string
      params?: Record<string, string | number>
    }[]
  }[]
  files: DocumentReport['files']
  warnings: { id: string; outcome: string; reasonKey: string; reason: string }[]
  error: string | null
  validationTime: string
}

const reasons = (en as { signatures?: { reasons?: Record<string, string> } }).signatures?.reasons ?? {}

/** English text of a reason key, with {params} filled in. */
export function reasonText(key: string, params?: Record<string, string | number>): string {
  const template = reasons[key] ?? key
  return fillMessage(template, params)
}

export function toJson(file: string, r: DocumentReport): JsonEntry {
  return {
    file,
    status: r.status,
    container: r.container,
    signatures: r.signatures.map((s) => ({
      id: s.id,
      format: s.format,
      indication: s.indication,
      subIndication: s.subIndication,
      level: s.level,
      signer: s.signer,
      signedAt: s.timestampTime ?? s.claimedSigningTime,
      claimedSigningTime: s.claimedSigningTime,
      timestampTime: s.timestampTime,
      algorithms: s.algorithms,
      checks: s.checks.map((c) => ({ ...c, reason: reasonText(c.reasonKey, c.params) })),
    })),
    files: r.files,
    warnings: r.warnings.map((w) => ({ ...w, reason: reasonText(w.reasonKey, w.params) })),
    error: r.errorKey ? reasonText(r.errorKey, r.errorParams) : null,
    validationTime: r.validationTime,
  }
}

/** 1 if any is INVALID, else 2 if any is INDETERMINATE, else 3 for UNSUPPORTED/FORMAT_ERROR, else 0. */
export function exitCode(statuses: DocumentStatus[]): number {
  if (statuses.includes('INVALID')) return 1
  if (statuses.includes('INDETERMINATE')) return 2
  if (statuses.some((s) => s === 'UNSUPPORTED' || s === 'FORMAT_ERROR')) return 3
  return 0
}

const MARK: Record<string, string> = { pass: 'ok  ', fail: 'FAIL', warning: 'warn', not_checked: ' -- ' }

function readable(e: JsonEntry): string {
  const lines = [`${e.file}: ${e.status} (${e.container})`]
  if (e.error) lines.push(`  ${e.error}`)
  for (const w of e.warnings) lines.push(`  [${MARK[w.outcome] ?? w.outcome}] ${w.reason}`)
  for (const f of e.files)
    lines.push(`  file: ${f.name} (${f.size} bytes${f.mediaType ? ', ' + f.mediaType : ''})`)
  for (const s of e.signatures) {
    const who = [s.signer.name, s.signer.personalCode].filter(Boolean).join(', ') || 'unknown signer'
    lines.push(
      `  signature ${s.id || '(no id)'}: ${s.indication}${s.subIndication ? ' / ' + s.subIndication : ''}` +
        `${s.level ? `, ${s.format}-BASELINE-${s.level}` : ''}`,
      `    signer: ${who}${s.signer.qualified ? ' (qualified)' : ''}`,
    )
    if (s.signer.issuer) lines.push(`    issuer: ${s.signer.issuer}`)
    if (s.claimedSigningTime) lines.push(`    claimed signing time: ${s.claimedSigningTime}`)
    if (s.timestampTime) lines.push(`    timestamp time: ${s.timestampTime}`)
    for (const c of s.checks) lines.push(`    [${MARK[c.outcome] ?? c.outcome}] ${c.id}: ${c.reason}`)
  }
  return lines.join('\n')
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Validate signed documents (.edoc/.asice/.bdoc, PDF, CMS) offline against the trusted lists',
  usage:
    'gasdesk verify FILE... [--json] [--content FILE] [--trust-test-pki] [--trust-dir DIR] [--at ISO-TIME]',
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
    if (positionals.length === 0) throw new UsageError('at least one FILE is required')
    let validationTime = new Date()
    if (values.at !== undefined) {
      validationTime = new Date(values.at)
      if (!/^\d{4}-\d{2}-\d{2}/.test(values.at) || Number.isNaN(validationTime.getTime()))
        throw new UsageError(`--at: not an ISO time: ${values.at}`)
    }
    const anchors: Buffer[] = []
    const anchorDirs = [...(values['trust-test-pki'] ? [TEST_PKI_DIR] : []), ...(values['trust-dir'] ?? [])]
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
    const trust = loadTrustDir(TRUST_DIR, anchors)
    for (const l of trust.lists.filter((x) => !x.used))
      console.error(`warning: trusted list ${basename(l.file)} not used: ${reasonText(l.reasonKey)}`)
    let content: Buffer | undefined
    if (values.content) content = readInput(values.content)
    const entries: JsonEntry[] = []
    for (const file of positionals) {
      let report: DocumentReport
      try {
        const bytes = readInput(file)
        report = validateDocument(bytes, basename(file), { validationTime, trustStore: trust.store, content })
      } catch (e) {
        if (e instanceof UsageError) {
          entries.push({
            file,
            status: 'FORMAT_ERROR',
            container: 'unknown',
            signatures: [],
            files: [],
            warnings: [],
            error: e.message,
            validationTime: validationTime.toISOString(),
          })
          continue
        }
        throw e
      }
      entries.push(toJson(file, report))
    }
    console.log(values.json ? JSON.stringify(entries, null, 2) : entries.map(readable).join('\n\n'))
    return exitCode(entries.map((e) => e.status))
  },
}

function readInput(file: string): Buffer {
  let size: number
  try {
    size = statSync(file).size
  } catch {
    throw new UsageError(`cannot read ${file}`)
  }
  if (size > MAX_DOCUMENT_BYTES) throw new UsageError(`${file} is larger than ${MAX_DOCUMENT_BYTES} bytes`)
  return readFileSync(file)
}
