import { join } from 'node:path'
import { workerEntry, type WorkerEntry } from '../workers/entry'

export type { WorkerEntry }

/** The document-validation worker (built as validation-worker beside the bundle's entries). */
export function validationWorkerEntry(here: string = __dirname): WorkerEntry {
  return workerEntry('validation-worker', join(here, 'worker.ts'), here)
}
