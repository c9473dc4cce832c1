import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The electron-builder configuration (package.json "build") as issue 11 asks for it. The packaging dry
// run (scripts/package-dry-run.mjs, in CI) runs electron-builder with it and checks the result; this
// pins the configuration itself, fast, for every test run.
const root = join(__dirname, '../..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const build = pkg.build

describe('electron-builder configuration', () => {
  it('flips every fuse: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; ASAR only, integrity-checked', () => {
    expect(build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(build.asar).toBe(true)
  })

  it('builds a per-machine NSIS installer and a portable exe for Windows x64', () => {
    expect(build.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ])
    expect(build.nsis).toMatchObject({ oneClick: false, perMachine: true })
    expect(build.nsis.artifactName).not.toBe(build.portable.artifactName)
  })

  it('ships every resources/ folder beside the archive and unpacks better-sqlite3', () => {
    const folders = readdirSync(join(root, 'resources')).sort()
    const byFrom = (a: { from: string }, b: { from: string }) => a.from.localeCompare(b.from)
    expect([...build.extraResources].sort(byFrom)).toEqual(
      folders.map((f) => ({ from: `resources/${f}`, to: `resources/${f}` })),
    )
    expect(build.files).not.toContain('resources/**')
    expect(build.asarUnpack).toEqual(['node_modules/better-sqlite3/**'])
  })

  it('has a multi-size Windows icon with a 256 px image, and a PNG for Linux', () => {
    const ico = readFileSync(join(root, build.win.icon))
    expect(ico.readUInt16LE(0)).toBe(0) // reserved
    expect(ico.readUInt16LE(2)).toBe(1) // type: icon
    const count = ico.readUInt16LE(4)
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256)
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]))
    const png = readFileSync(join(root, build.linux.icon))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(256) // width
  })
})
