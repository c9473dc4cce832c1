import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createBackend, type Backend } from '../backend'
import type { DesktopPort } from '../backend/desktop'
import { seedOnFirstRun } from '../backend/host/first-run'
import type { SecretStore } from '../backend/secrets'
import type { Transport } from '../backend/sync/api'

export interface DesktopBackendOptions {
  /** Electron's userData folder: the database and the secrets file live here. */
  userData: string
  resourcesDir: string
  version: string
  desktop?: DesktopPort
  secrets?: SecretStore
  /** How the sync client reaches the central (Electron's net.fetch in the app; none in the dry run). */
  syncTransport?: Transport
  /** Demo customers generated when the database does not exist yet (tests use a handful). */
  firstRunCustomers?: number
}

/**
 * The desktop shell's backend: first-run database, then the backend on it. Kept free of electron so it
 * is its own entry in the main bundle (out/main/desktop-backend.js), which the packaging dry run starts
 * from the packaged layout under plain Node — the same code main runs, minus the windows.
 */
export async function startDesktopBackend(o: DesktopBackendOptions): Promise<Backend> {
  mkdirSync(o.userData, { recursive: true })
  const dbFile = join(o.userData, 'gasdesk.sqlite')
  await seedOnFirstRun(dbFile, o.firstRunCustomers)
  return createBackend({
    dbFile,
    // First run created it if it was missing; an emptied file is refused, never silently replaced.
    create: false,
    shell: 'electron',
    version: o.version,
    demoAgents: true,
    resourcesDir: o.resourcesDir,
    // Lists installed with `gasdesk trust import` (the CLI's default trust folder is this one).
    trustHome: join(o.userData, 'trust'),
    ...(o.desktop ? { desktop: o.desktop } : {}),
    ...(o.secrets ? { secrets: o.secrets } : {}),
    ...(o.syncTransport ? { syncTransport: o.syncTransport } : {}),
  })
}

export { appResourcesDir } from './resources'
