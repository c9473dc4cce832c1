// Kept apart from errors.ts, which pulls in the backend: the entry needs the codes before any command loads.
/** Exit codes of the database and file commands (README, "Command line"). */
export const EXIT = {
  ok: 0,
  /** Something unexpected; the one line says what (GASDESK_DEBUG=1 adds the stack). */
  failed: 1,
  /** print: no such invoice or statement. */
  notFound: 2,
  usage: 3,
  /** --db cannot be used: missing, empty, a folder or device, damaged, newer, read-only, disk full, exists (seed). */
  database: 4,
  /** An output file or folder cannot be written (a folder, no space, no permission); nothing partial is left. */
  output: 5,
  /** Ctrl+C. */
  interrupted: 130,
} as const
