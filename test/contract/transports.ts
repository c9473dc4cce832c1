import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend } from '../../src/backend'
import type { ApiClient, PreloadBridge } from '../../src/contract'

/**
 * One migrated, seeded database file copied for each transport, so both start from byte-identical
 * data (same agent ids, same workstation id) and their answers can be compared exactly.
 */
export async function makeTemplateDb(): Promise<{ dir: string; copy(to: string): string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-contract-'))
  const template = join(dir, 'template.sqlite')
  const backend = await createBackend({ dbFile: template, shell: 'test', demoAgents: true })
  backend.close()
  return {
    dir,
    copy(to) {
      mkdirSync(join(to, '..'), { recursive: true })
      copyFileSync(template, to)
      return to
    },
  }
}

export type Transport = { name: 'http' | 'ipc'; client: ApiClient; close(): Promise<void> | void }

export type { PreloadBridge }
