import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Db } from '../../../src/backend/db/open'

/** A fresh directory in the OS temp dir; remove it with the returned cleanup. */
export function tempDir(prefix = 'gasdesk-db-'): {
  dir: string
  file: (name: string) => string
  cleanup: () => void
} {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    file: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

export const sidecars = (file: string): string[] =>
  ['-wal', '-shm', '-journal'].filter((s) => existsSync(file + s))

/** The schema as SQLite stores it, for comparing two databases. */
export function schemaOf(db: Db): { type: string; name: string; tbl_name: string; sql: string | null }[] {
  return db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
    )
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[]
}
