import { existsSync } from 'node:fs'
import { seedNewDatabase, removeStaleSeedFiles } from '../seed/new-file'
import { rigaToday } from '../../core/calendar'

/** How many demo customers a first run gets: enough to search and page through, ~1 s to generate. */
export const FIRST_RUN_CUSTOMERS = 1000

/**
 * First run (no database file yet): create it and fill it with the deterministic demo data. The file
 * appears only complete (seed/new-file.ts): a run killed while seeding leaves no database, so the next
 * start seeds again, and the half-written temporary file is removed then.
 */
export async function seedOnFirstRun(dbFile: string, customers = FIRST_RUN_CUSTOMERS): Promise<boolean> {
  removeStaleSeedFiles(dbFile)
  if (existsSync(dbFile)) return false
  await seedNewDatabase(dbFile, { customers, seed: 'gasdesk-demo', today: rigaToday(Date.now()) })
  return true
}
