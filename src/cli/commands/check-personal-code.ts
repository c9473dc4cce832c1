import { parseArgs } from 'node:util'
import type { Command } from '../command'
import { UsageError } from '../command'
import { checkPersonalCode } from '../../core/personal-code'

/** `gasdesk check-personal-code CODE [--json]`: the same core validator the desk uses. Exit 0 valid, 1 not. */
export const checkPersonalCodeCommand: Command = {
  name: 'check-personal-code',
  summary: 'Check a Latvian personal code (legacy date and check digit, or new-format shape)',
  usage: 'gasdesk check-personal-code CODE [--json]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    })
    if (positionals.length !== 1) throw new UsageError('exactly one CODE is required')
    const r = checkPersonalCode(positionals[0])
    if (values.json) {
      console.log(JSON.stringify({ valid: r.valid, format: r.format, reason: r.reason }))
    } else if (r.valid) {
      const born = r.birthDate ? `, born ${r.birthDate}` : ''
      console.log(`${positionals[0]}: valid (${r.format} format${born})`)
    } else {
      console.log(`${positionals[0]}: invalid (${r.format} format, reason: ${r.reason})`)
    }
    return r.valid ? 0 : 1
  },
}
