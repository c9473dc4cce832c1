import { existsSync, rmSync } from 'node:fs'
import { openDatabase } from '../db/open'
import { seedDatabase, todayInRiga } from '../seed'

/** How many demo customers a first run gets: enough to search and page through, ~1 s to generate. */
export const FIRST_RUN_CUSTOMERS = 1000

/**
 * First run (no database file yet): create it and fill it with the deterministic demo data. A failed
 * seed leaves no half-filled file behind, so the next start tries again.
 */
export async function seedOnFirstRun(dbFile: string, customers = FIRST_RUN_CUSTOMERS): Promise<boolean> {
  if (existsSync(dbFile)) return false
  const db = openDatabase(dbFile)
  try {
    await seedDatabase(db, { customers, seed: 'gasdesk-demo', today: todayInRiga(Date.now()) })
    db.close()
    return true
  } catch (e) {
    db.close()
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true })
    throw e
  }
}
