/** A `gasdesk <name>` subcommand. `run` returns the process exit code. */
export interface Command {
  name: string
  summary: string
  usage: string
  run(argv: string[]): Promise<number>
}

export class UsageError extends Error {}
