import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fileSecretStore, ownerOnlyCodec } from '../../../src/backend/host/secret-file'
import { logError } from '../../../src/backend/log'
import { tempDir } from '../../helpers/tmp'

const posix = process.platform !== 'win32'
let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir('gasdesk-secrets-')
})
afterEach(() => tmp.cleanup())

describe("the browser shell's owner-only secret file", () => {
  it('round-trips values in a 0600 file inside a 0700 folder, and says it is the weaker kind', () => {
    const file = tmp.file('GasDesk/secrets.json')
    const store = fileSecretStore(file, ownerOnlyCodec)
    expect(store.protection).toBe('owner-only-file')
    store.set('sync.token', 'tok-1')
    store.set('sync.enrolment', 'enrol-2')
    expect(fileSecretStore(file, ownerOnlyCodec).get('sync.token')).toBe('tok-1')
    if (posix) {
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(statSync(tmp.file('GasDesk')).mode & 0o777).toBe(0o700)
    }
    store.delete('sync.token')
    expect(store.get('sync.token')).toBeNull()
    store.delete('sync.enrolment')
    expect(existsSync(file)).toBe(false)
  })

  it.runIf(posix)('refuses a file others can read instead of using it', () => {
    const file = tmp.file('secrets.json')
    fileSecretStore(file, ownerOnlyCodec).set('sync.token', 'tok-1')
    chmodSync(file, 0o644)
    expect(() => fileSecretStore(file, ownerOnlyCodec).get('sync.token')).toThrow(
      expect.objectContaining({ reason: 'unsafe-permissions' }),
    )
  })

  it('refuses a damaged file, or one written under another protection, and unknown names', () => {
    const file = tmp.file('secrets.json')
    writeFileSync(file, '{not json', { mode: 0o600 })
    expect(() => fileSecretStore(file, ownerOnlyCodec).get('sync.token')).toThrow(
      expect.objectContaining({ reason: 'damaged' }),
    )
    writeFileSync(
      file,
      JSON.stringify({ format: 'gasdesk-secrets/1', protection: 'os-encryption', values: {} }),
      {
        mode: 0o600,
      },
    )
    expect(() => fileSecretStore(file, ownerOnlyCodec).get('sync.token')).toThrow(
      expect.objectContaining({ reason: 'damaged' }),
    )
    expect(() =>
      fileSecretStore(tmp.file('x.json'), ownerOnlyCodec).set('db.password' as never, 'x'),
    ).toThrow(/unknown secret/)
    expect(readFileSync(file, 'utf8')).toContain('os-encryption')
  })
})

describe('logError', () => {
  it('writes errors through the redaction: no personal code, password or token reaches the log', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      logError('E-42', new Error('customers.view 010190-12345 with Bearer abc.def and password=hunter2'))
      const line = spy.mock.calls.map((c) => c.join(' ')).join('\n')
      expect(line).toContain('[gasdesk] E-42')
      for (const secret of ['010190-12345', 'abc.def', 'hunter2']) expect(line).not.toContain(secret)
    } finally {
      spy.mockRestore()
    }
  })
})
