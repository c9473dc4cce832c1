import { join } from 'node:path'
import { safeStorage } from 'electron'
import { fileSecretStore } from '../backend/host/secret-file'
import { SecretStoreError, type SecretStore } from '../backend/secrets'

/**
 * The desktop shell's secrets: encrypted with Electron's safeStorage (DPAPI for the Windows user;
 * Keychain / libsecret elsewhere) before they touch the disk. Where the OS offers no real encryption
 * — none at all, or Linux's 'basic_text' fallback, which is a hard-coded key — the store refuses: the
 * desk would rather ask for the token again than keep it in the clear. Usable after app 'ready'.
 */
export function electronSecretStore(userData: string): SecretStore {
  const file = join(userData, 'secrets.json')
  const check = (): void => {
    if (!safeStorage.isEncryptionAvailable()) throw new SecretStoreError('encryption-unavailable', file)
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw new SecretStoreError('weak-encryption', file)
    }
  }
  return fileSecretStore(file, {
    protection: 'os-encryption',
    encode(value) {
      check()
      return safeStorage.encryptString(value)
    },
    decode(stored) {
      check()
      return safeStorage.decryptString(stored)
    },
  })
}
