import { ApiError } from '../contract/errors'
import { UsageError, type Command } from './command'
import { migrateCommand } from './commands/migrate'
import { verifyCommand } from './commands/verify'
import { seedCommand } from './commands/seed'
import { checkPersonalCodeCommand } from './commands/check-personal-code'
import { calendarCommand } from './commands/calendar'
import { printBatchCommand, printCommand } from './commands/print'
import { centralCommand } from './commands/central'

/** Every subcommand, in the order `--help` lists them. Each area adds its command here. */
const commands: Command[] = [
  migrateCommand,
  seedCommand,
  calendarCommand,
  checkPersonalCodeCommand,
  verifyCommand,
  printCommand,
  printBatchCommand,
  centralCommand,
]

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'GasDesk command line',
    '',
    'Usage: npm run gasdesk -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `npm run gasdesk -- <command> --help` for a command’s options.',
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return 0
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    console.error(`Unknown command: ${name}\n\n${help()}`)
    return 3
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`)
    return 0
  }
  try {
    return await command.run(rest)
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(e as Error).message}\nUsage: ${command.usage}`)
      return 3
    }
    if (e instanceof ApiError) {
      console.error(`${e.code}: ${e.messageKey}${e.details ? ' ' + JSON.stringify(e.details) : ''}`)
      return 1
    }
    throw e
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e) => {
    console.error(e)
    process.exitCode = 1
  },
)
