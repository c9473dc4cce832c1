import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname } from 'node:path'
import { SECRET_NAMES, SecretStoreError, type SecretName, type SecretStore } from '../secrets'

/** How a store turns a value into the bytes on disk and back (encryption, or none). */
export interface SecretCodec {
  protection: SecretStore['protection']
  encode(value: string): Buffer
  decode(stored: Buffer): string
}

/** No encryption: the browser shell's fallback, protected by file permissions only (see secrets.ts). */
export const ownerOnlyCodec: SecretCodec = {
  protection: 'owner-only-file',
  encode: (value) => Buffer.from(value, 'utf8'),
  decode: (stored) => stored.toString('utf8'),
}

interface SecretFile {
  format: 'gasdesk-secrets/1'
  protection: SecretStore['protection']
  values: Partial<Record<SecretName, string>>
}

const posix = process.platform !== 'win32'

/**
 * A JSON file of base64 values, written owner-only (0600, folder 0700) through a temp file and a
 * rename, so a crash leaves the old file or the new one. On POSIX a file that others can read is
 * refused rather than used. (On Windows the user-profile folder's ACL does that job.)
 */
export function fileSecretStore(file: string, codec: SecretCodec): SecretStore {
  const read = (): SecretFile => {
    if (!existsSync(file)) return { format: 'gasdesk-secrets/1', protection: codec.protection, values: {} }
    if (posix && (statSync(file).mode & 0o077) !== 0) throw new SecretStoreError('unsafe-permissions', file)
    let parsed: SecretFile
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as SecretFile
    } catch {
      throw new SecretStoreError('damaged', file)
    }
    // A file written under another protection (e.g. copied from the browser shell) is not read as ours.
    if (parsed?.format !== 'gasdesk-secrets/1' || parsed.protection !== codec.protection) {
      throw new SecretStoreError('damaged', file)
    }
    return parsed
  }
  const write = (data: SecretFile): void => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 })
    if (posix) chmodSync(tmp, 0o600)
    renameSync(tmp, file)
  }
  const known = (name: string): SecretName => {
    if (!(SECRET_NAMES as readonly string[]).includes(name)) throw new TypeError(`unknown secret ${name}`)
    return name as SecretName
  }
  return {
    protection: codec.protection,
    get(name) {
      const stored = read().values[known(name)]
      if (stored === undefined) return null
      try {
        return codec.decode(Buffer.from(stored, 'base64'))
      } catch (e) {
        if (e instanceof SecretStoreError) throw e
        throw new SecretStoreError('damaged', file)
      }
    },
    set(name, value) {
      const data = read()
      // Encode first: if encryption is unavailable nothing is written at all.
      data.values[known(name)] = codec.encode(value).toString('base64')
      write(data)
    },
    delete(name) {
      const data = read()
      delete data.values[known(name)]
      if (Object.keys(data.values).length === 0) rmSync(file, { force: true })
      else write(data)
    },
  }
}
