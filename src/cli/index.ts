import { type Command } from './command'
import { describeFailure, EXIT } from './errors'
import { migrateCommand } from './commands/migrate'
import { verifyCommand } from './commands/verify'
import { seedCommand } from './commands/seed'
import { checkPersonalCodeCommand } from './commands/check-personal-code'
import { calendarCommand } from './commands/calendar'
import { printBatchCommand, printCommand } from './commands/print'
import { centralCommand } from './commands/central'
import { enrolCommand, syncCommand } from './commands/sync'

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
  enrolCommand,
  syncCommand,
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
    console.error(`gasdesk: unknown command ${name} (npm run gasdesk -- --help lists them)`)
    return EXIT.usage
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`)
    return 0
  }
  try {
    return await command.run(rest)
  } catch (e) {
    const { code, line } = describeFailure(e, command.name, command.usage)
    console.error(line)
    if (process.env.GASDESK_DEBUG) console.error(e)
    return code
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(`gasdesk: unexpected error: ${e instanceof Error ? e.message : String(e)}`)
    if (process.env.GASDESK_DEBUG) console.error(e)
    process.exitCode = EXIT.failed
  },
)
