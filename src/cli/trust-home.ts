import { join } from 'node:path'
import { userDataDir } from '../web-host/paths'

/**
 * The workstation's trust folder for the command line: GASDESK_TRUST_HOME, else `trust/` in the user-data
 * folder — the same folder the desk uses beside its default database.
 */
export function defaultTrustHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.GASDESK_TRUST_HOME || join(userDataDir(env), 'trust')
}
