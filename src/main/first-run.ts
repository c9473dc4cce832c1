import { existsSync, rmSync } from 'node:fs'
import { openDatabase } from '../backend/db/open'
import { seedDatabase, todayInRiga } from '../backend/seed'

/** Same first-run demo data as the browser shell (src/web-host/first-run.ts; the shells may not share code). */
export const FIRST_RUN_CUSTOMERS = 1000

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
