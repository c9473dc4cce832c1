import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { WorkerOptions } from 'node:worker_threads'

/** How to start a validation worker: a file, or (from source) a small bootstrap evaluated as code. */
export interface WorkerEntry {
  filename: string
  options: Pick<WorkerOptions, 'eval' | 'workerData'>
}

const BUILT = ['validation-worker.js', 'validation-worker.cjs']

/**
 * The built bundles (electron-vite main → out/main/validation-worker.js, the CLI/web-host build →
 * out/cli/validation-worker.cjs) emit the worker beside their entry files; this module may sit in the
 * entry itself or in a shared chunk one folder down. Run from source (tsx, vitest) there is no built file,
 * so the worker registers tsx's loader first and requires the TypeScript entry.
 */
export function validationWorkerEntry(here: string = __dirname): WorkerEntry {
  for (const dir of [here, dirname(here)]) {
    for (const name of BUILT) {
      const file = join(dir, name)
      if (existsSync(file)) return { filename: file, options: {} }
    }
  }
  const source = join(here, 'worker.ts')
  if (!existsSync(source)) throw new Error(`validation worker not found beside ${here}`)
  const tsx = createRequire(join(here, 'entry.ts')).resolve('tsx/cjs/api')
  return {
    filename: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)})`,
    options: { eval: true },
  }
}
