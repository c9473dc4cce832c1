/** `gasdesk <command>`: the command table and `main`, which returns the exit code (tests call it in-process). */
import { type Command } from './command'
import { EXIT } from './exit'

/**
 * Every subcommand, in the order `--help` lists them. Each area adds its command here. A command's module
 * (and what it pulls in: PDF fonts, SQLite, the central's server) is loaded only when it runs, so
 * `gasdesk verify FILE` starts without the rest.
 */
const commands: [string, () => Promise<Command>][] = [
  ['migrate', async () => (await import('./commands/migrate')).migrateCommand],
  ['seed', async () => (await import('./commands/seed')).seedCommand],
  ['calendar', async () => (await import('./commands/calendar')).calendarCommand],
  [
    'check-personal-code',
    async () => (await import('./commands/check-personal-code')).checkPersonalCodeCommand,
  ],
  ['verify', async () => (await import('./commands/verify')).verifyCommand],
  ['trust', async () => (await import('./commands/trust')).trustCommand],
  ['print', async () => (await import('./commands/print')).printCommand],
  ['print-batch', async () => (await import('./commands/print')).printBatchCommand],
  ['central', async () => (await import('./commands/central')).centralCommand],
  ['enrol', async () => (await import('./commands/sync')).enrolCommand],
  ['sync', async () => (await import('./commands/sync')).syncCommand],
  ['diagnostics', async () => (await import('./commands/diagnostics')).diagnosticsCommand],
]

async function help(): Promise<string> {
  const all = await Promise.all(commands.map(([, load]) => load()))
  const width = Math.max(...all.map((c) => c.name.length))
  return [
    'GasDesk command line',
    '',
    'Usage: gasdesk <command> [options]   (from the repository: npm run gasdesk -- <command> [options])',
    '',
    'Commands:',
    ...all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `gasdesk <command> --help` for a command’s options.',
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help())
    return 0
  }
  const load = commands.find(([n]) => n === name)?.[1]
  if (!load) {
    console.error(`gasdesk: unknown command ${name} (gasdesk --help lists them)`)
    return EXIT.usage
  }
  const command = await load()
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`)
    return 0
  }
  try {
    return await command.run(rest)
  } catch (e) {
    const { describeFailure } = await import('./errors')
    const { code, line } = describeFailure(e, command.name, command.usage)
    console.error(line)
    if (process.env.GASDESK_DEBUG) console.error(e)
    return code
  }
}
