import { ApiError } from '../contract/errors'
import { DbCorruptError, DbTooNewError, DbUnavailableError, isSqliteError } from '../backend/db/errors'
import { OutputError } from '../backend/files/atomic'
import { explain } from '../backend/host/explain'
import { DocumentNotFound } from '../backend/services/billing/not-found'
import { UsageError } from './command'
import { EXIT } from './exit'

export { EXIT }

/** The exit code for a failure, and the one line that says what happened. */
export function describeFailure(e: unknown, command: string, usage: string): { code: number; line: string } {
  const prefix = `gasdesk ${command}:`
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS'))
    return { code: EXIT.usage, line: `${prefix} ${(e as Error).message.split('\n')[0]} (Usage: ${usage})` }
  if (e instanceof DbUnavailableError || e instanceof DbCorruptError || e instanceof DbTooNewError)
    return { code: EXIT.database, line: `${prefix} ${explain(e)}` }
  if (e instanceof OutputError) return { code: EXIT.output, line: `${prefix} ${e.message}` }
  if (e instanceof DocumentNotFound) return { code: EXIT.notFound, line: `${prefix} ${e.message}` }
  if (e instanceof ApiError) return { code: EXIT.failed, line: `${prefix} ${explain(e)}` }
  const message = e instanceof Error ? e.message : String(e)
  const what = isSqliteError(e) ? `database error ${(e as { code: string }).code}` : 'unexpected error'
  return { code: EXIT.failed, line: `${prefix} ${what}: ${message.split('\n')[0]}` }
}
