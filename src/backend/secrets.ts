/**
 * Where the workstation keeps its secrets: the sync client's token and the enrolment secret it is
 * given when the workstation is registered. Never in the database, never in a plain file in Electron.
 *
 * - Electron (src/main/secret-store.ts): Electron's safeStorage — DPAPI on Windows, bound to the
 *   Windows user; the file holds only ciphertext. If the OS offers no encryption the store refuses.
 * - Browser shell (src/backend/host/secret-file.ts): an owner-only (0600) file in the user-data folder.
 *   WEAKER: anything running as the same OS user, or with the disk, can read it. For development and
 *   the Linux build box, not for a desk.
 */
export interface SecretStore {
  /** How values are protected at rest (shown in diagnostics instead of the values). */
  readonly protection: 'os-encryption' | 'owner-only-file'
  get(name: SecretName): string | null
  set(name: SecretName, value: string): void
  delete(name: SecretName): void
}

/** The secrets the desk knows; a closed list so nothing else drifts into the store by accident. */
export const SECRET_NAMES = ['sync.token', 'sync.enrolment'] as const
export type SecretName = (typeof SECRET_NAMES)[number]

export type SecretStoreFailure =
  'encryption-unavailable' | 'weak-encryption' | 'unsafe-permissions' | 'damaged'

export class SecretStoreError extends Error {
  constructor(
    readonly reason: SecretStoreFailure,
    readonly file: string,
  ) {
    super(`secret store ${file}: ${reason}`)
    this.name = 'SecretStoreError'
  }
}
