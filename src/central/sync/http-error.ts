import type { SyncErrorCode, SyncErrorDetails } from '../../contract/sync'

/** A refusal that becomes one of the contract's sync error bodies (status from SYNC_ERROR_STATUS). */
export class SyncHttpError<C extends SyncErrorCode = SyncErrorCode> extends Error {
  constructor(
    readonly code: C,
    readonly details: SyncErrorDetails<C>,
  ) {
    super(`${code}: ${JSON.stringify(details)}`)
    this.name = 'SyncHttpError'
  }
}
