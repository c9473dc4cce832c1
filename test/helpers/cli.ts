import { format } from 'node:util'
import { vi } from 'vitest'
import { main } from '../../src/cli/gasdesk'

export interface CliRun {
  status: number
  stdout: string
  stderr: string
}

/**
 * `gasdesk ...args` in this process: the same `main` the entry runs, with what it prints collected. For
 * tests of what a command answers; a test of the process itself (exit code, signals, streams) spawns it.
 */
export async function runCli(...args: string[]): Promise<CliRun> {
  const out: string[] = []
  const err: string[] = []
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(`${format(...a)}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(`${format(...a)}\n`)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk))
      return true
    }),
  ]
  try {
    const status = await main(args)
    return { status, stdout: out.join(''), stderr: err.join('') }
  } finally {
    for (const s of spies) s.mockRestore()
  }
}
