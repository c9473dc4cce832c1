import { existsSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { importTrustedLists, loadWorkstationTrust, type ImportResult } from '../../backend/signatures'
import { defaultTrustHome } from '../trust-home'
import type { Command } from '../command'
import { UsageError } from '../command'
import { shippedTrustDir } from '../resources'
import { reasonText } from './verify-report'

/**
 * `gasdesk trust import DIR` and `gasdesk trust status`: the workstation's trusted lists without the
 * central. The trust folder is `trust/` in the user-data folder (beside the default database), or
 * GASDESK_TRUST_HOME, or --home DIR.
 */
export const TRUST_EXIT = {
  ok: 0,
  usage: 3,
  /** A file failed verification (changed after signing, wrong signer, unsigned, unreadable). */
  notVerified: 6,
  /** A file is older than (or the same sequence as, but different from) the list in use. */
  older: 7,
} as const

const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '-')

function describe(r: ImportResult): string {
  const what = `${r.file} (${r.territory || '?'}${r.sequenceNumber !== null ? ` #${r.sequenceNumber}` : ''})`
  if (r.outcome === 'install')
    return `newer: ${what}, issued ${day(r.issued)}, next update ${day(r.nextUpdate)}`
  if (r.outcome === 'current') return `already in use: ${what}`
  return `refused ${what}: ${reasonText(r.reasonKey)}`
}

function runImport(dir: string, home: string): number {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`not a folder: ${dir}`)
  const report = importTrustedLists({ sourceDir: dir, shippedDir: shippedTrustDir(), home })
  if (report.results.length === 0) throw new UsageError(`no trusted-list files (*.xml) in ${dir}`)
  const refused = report.results.filter((r) => r.outcome === 'refused')
  if (refused.length > 0) {
    for (const r of report.results.filter((x) => x.outcome !== 'refused')) console.log(describe(r))
    // One line per refused file on stderr; nothing is installed when any file is refused.
    for (const r of refused) console.error(`gasdesk trust import: ${describe(r)} Nothing was installed.`)
    const unverified = refused.some((r) => r.reasonKey !== 'tsl_older' && r.reasonKey !== 'tsl_same_sequence')
    return unverified ? TRUST_EXIT.notVerified : TRUST_EXIT.older
  }
  for (const r of report.results) console.log(describe(r))
  const n = report.results.filter((r) => r.outcome === 'install').length
  console.log(report.installedInto ? `installed ${n} list(s) into ${home}` : 'nothing newer to install')
  return TRUST_EXIT.ok
}

function runStatus(home: string, json: boolean, now: Date): number {
  const loaded = loadWorkstationTrust({ shippedDir: shippedTrustDir(), home })
  const rows = loaded.lists
    .map((l) => ({
      territory: l.territory,
      sequenceNumber: l.sequenceNumber,
      issued: l.issued,
      nextUpdate: l.nextUpdate,
      source: l.source,
      used: l.used,
      state: l.used ? 'in use' : l.reasonKey === 'tsl_superseded' ? 'superseded' : reasonText(l.reasonKey),
      overdue: l.used && l.nextUpdate !== null && Date.parse(l.nextUpdate) < now.getTime(),
      file: basename(l.file),
    }))
    .sort((a, b) => Number(b.used) - Number(a.used) || a.territory.localeCompare(b.territory))
  if (json) {
    console.log(JSON.stringify({ home, lists: rows }, null, 2))
    return TRUST_EXIT.ok
  }
  console.log(`trust folder: ${home}`)
  const head = ['territory', 'sequence', 'issued', 'next update', 'source', 'state']
  const cells = rows.map((r) => [
    r.territory || '?',
    r.sequenceNumber === null ? '-' : String(r.sequenceNumber),
    day(r.issued),
    `${day(r.nextUpdate)}${r.overdue ? ' OVERDUE' : ''}`,
    r.source,
    r.state,
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  for (const line of [head, ...cells])
    console.log(
      line
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
  if (rows.some((r) => r.overdue))
    console.error(
      'warning: a trusted list is past its next-update date; import newer lists (gasdesk trust import DIR)',
    )
  return TRUST_EXIT.ok
}

export const trustCommand: Command = {
  name: 'trust',
  summary: 'Trusted lists of this workstation: import newer list files offline, show what is in use',
  usage: 'gasdesk trust import DIR [--home DIR] | gasdesk trust status [--home DIR] [--json]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { home: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    })
    const home = values.home ?? defaultTrustHome()
    const [sub, ...rest] = positionals
    if (sub === 'import') {
      if (rest.length !== 1) throw new UsageError('trust import takes one folder')
      return runImport(rest[0], home)
    }
    if (sub === 'status') {
      if (rest.length !== 0) throw new UsageError('trust status takes no arguments')
      return runStatus(home, values.json === true, new Date())
    }
    throw new UsageError(
      sub ? `unknown trust subcommand ${sub}` : 'trust needs a subcommand: import or status',
    )
  },
}
