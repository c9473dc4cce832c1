import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { WorkerOptions } from 'node:worker_threads'

/** How to start a worker thread: a built file, or (from source) a small bootstrap evaluated as code. */
export interface WorkerEntry {
  filename: string
  options: Pick<WorkerOptions, 'eval' | 'workerData'>
}

/**
 * The built bundles (electron-vite main → out/main/NAME.js, the CLI/web-host build → out/cli/NAME.cjs)
 * emit each worker beside their entry files; the module asking may sit in the entry itself or in a shared
 * chunk one folder down (`here`). Run from source (tsx, vitest) there is no built file, so the worker
 * registers tsx's loader first and requires the TypeScript entry `sourceFile`.
 */
export function workerEntry(builtName: string, sourceFile: string, here: string): WorkerEntry {
  for (const dir of [here, dirname(here)]) {
    for (const name of [`${builtName}.js`, `${builtName}.cjs`]) {
      const file = join(dir, name)
      if (existsSync(file)) return { filename: file, options: {} }
    }
  }
  if (!existsSync(sourceFile)) throw new Error(`${builtName} not found beside ${here}`)
  const tsx = createRequire(sourceFile).resolve('tsx/cjs/api')
  return {
    filename: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(sourceFile)})`,
    options: { eval: true },
  }
}
