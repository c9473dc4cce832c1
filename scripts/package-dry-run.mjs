#!/usr/bin/env node
// `npm run package:dry-run` (CI, after `npm run build`): the packaging layout, checked on Linux.
//
// 1. Runs the real electron-builder (`--linux dir`, the project's own `build` configuration: files,
//    asarUnpack, extraResources, electronFuses) against a prepared Electron dist (`electronDist`). The
//    Electron binary cannot be downloaded here, so the dist holds a stand-in executable: a small file that
//    carries Electron's fuse wire (sentinel + 8 fuses in Electron's default states), which is all
//    electron-builder and @electron/fuses touch. Native modules are not rebuilt (`npmRebuild=false`).
// 2. Checks the result: the fuse wire as flipped, every file main/preload/renderer load inside app.asar,
//    every package the main bundle requires inside it, better-sqlite3's .node unpacked beside it, every
//    file of resources/ (fonts, trusted lists, test PKI, seller.json) as extraResources outside it, and
//    the locales bundled into the code.
// 3. Extracts app.asar to a folder outside the repository (so no package can come from its node_modules)
//    and starts the desktop backend from it under plain Node — out/main/desktop-backend.js, the module
//    Electron's main runs, with the packaged resources path — on a new SQLite file, then calls dispatch:
//    sign in, print an invoice (fonts + seller.json), turn on the test PKI (trusted lists + test anchors).
//
// How this differs from the real Windows build is in README.md ("Building a release").
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'

const root = join(import.meta.dirname, '..')
const require = createRequire(import.meta.url)
const asar = require('@electron/asar')
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

const failures = []
const check = (ok, what) => {
  if (!ok) failures.push(what)
}
const step = (text) => console.log(`package dry run: ${text}`)

if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('package dry run: out/ is missing — run `npm run build` first')
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'gasdesk-package-'))
const keep = process.argv.includes('--keep')

// --- 1. electron-builder against a stand-in Electron dist -------------------------------------------
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR
// integrity off, only-ASAR off, browser V8 snapshot off, file:// extra privileges on.
const ELECTRON_DEFAULT_WIRE = '10110001'
const dist = join(work, 'electron-dist')
mkdirSync(join(dist, 'resources'), { recursive: true })
mkdirSync(join(dist, 'locales'), { recursive: true })
writeFileSync(join(dist, 'locales', 'en-US.pak'), '')
writeFileSync(
  join(dist, 'electron'),
  Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary (packaging dry run)"; exit 1\n# '),
    Buffer.from(SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
    Buffer.from('\n'),
  ]),
  { mode: 0o755 },
)
const output = join(work, 'dist')
const builder = join(root, 'node_modules/.bin/electron-builder')
const eb = spawnSync(
  builder,
  [
    '--linux',
    'dir',
    '--x64',
    `-c.electronDist=${dist}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${output}`,
  ],
  { cwd: root, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
)
if (eb.status !== 0) {
  process.stderr.write(eb.stdout + eb.stderr)
  console.error(`package dry run: electron-builder failed (${eb.status}); work folder ${work}`)
  process.exit(1)
}
const app = join(output, 'linux-unpacked')
const resourcesPath = join(app, 'resources')
const archive = join(resourcesPath, 'app.asar')
step(
  `electron-builder ${require('electron-builder/package.json').version} --linux dir -> ${relative(work, app)}`,
)

// --- 2. the layout ----------------------------------------------------------------------------------
// Fuses, as electron-builder flipped them on the executable.
const exe = join(app, pkg.name)
const wire = await getCurrentFuseWire(exe)
const FUSE_CONFIG = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
}
const fuses = []
for (const [name, index] of Object.entries(FUSE_CONFIG)) {
  const wanted = pkg.build.electronFuses[name]
  check(typeof wanted === 'boolean', `build.electronFuses.${name} is not set`)
  const actual = wire[index] === 49 ? true : wire[index] === 48 ? false : null
  check(actual === wanted, `fuse ${name}: wanted ${wanted}, executable has ${actual}`)
  fuses.push(`${name}=${actual}`)
}
step(`fuses on the executable: ${fuses.join(' ')}`)

const header = asar.getRawHeader(archive).header
const entry = (path) => {
  let node = header
  for (const part of path.split('/').filter(Boolean)) {
    node = node?.files?.[part]
    if (!node) return null
  }
  return node
}
const inAsar = (path) => entry(path) !== null
const files = asar.listPackage(archive).map((p) => p.split(sep).join('/'))

// What Electron loads: package.json's main, the preload, the renderer page and the assets it names.
const packagedPkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'))
const mainEntry = packagedPkg.main.replace(/^\.\//, '')
const appFiles = [
  mainEntry,
  'out/main/desktop-backend.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
]
const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8')
for (const m of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) appFiles.push(`out/renderer/${m[1]}`)
for (const f of appFiles) check(inAsar(f), `app.asar lacks ${f}`)

// Every package the main bundles require (not Node's, not electron) resolves inside the archive.
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron'])
const required = new Set()
for (const f of files.filter((p) => /^\/out\/main\/.*\.js$/.test(p))) {
  const code = asar.extractFile(archive, f.slice(1)).toString('utf8')
  for (const m of code.matchAll(/require\("([^"./][^"]*)"\)/g)) {
    const name = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0]
    if (!builtins.has(m[1]) && !builtins.has(name)) required.add(name)
  }
}
for (const name of required)
  check(inAsar(`node_modules/${name}/package.json`), `app.asar lacks node_modules/${name}`)
step(`app.asar: ${files.length} entries; main requires ${[...required].sort().join(', ')}`)

// better-sqlite3's native addon is unpacked (a .node cannot be loaded from inside an archive).
const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'
check(entry(addon)?.unpacked === true, `${addon} is not marked unpacked in app.asar`)
check(
  existsSync(join(resourcesPath, 'app.asar.unpacked', addon)),
  `${addon} is missing from app.asar.unpacked`,
)

// Resources the backend reads at run time (src/backend/documents/fonts.ts, documents/seller.ts,
// services/documents/trust.ts) — every file of the repository's resources/ — beside the archive.
const listFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
const shipped = listFiles(join(root, 'resources'))
const packagedResources = join(resourcesPath, 'resources')
for (const f of shipped) check(existsSync(join(packagedResources, f)), `extraResources lack resources/${f}`)
for (const f of [
  'fonts/DejaVuSans.ttf',
  'fonts/DejaVuSans-Bold.ttf',
  'fonts/LICENSE',
  'config/seller.json',
]) {
  check(shipped.includes(f), `resources/${f} is read at run time but not in the repository`)
}
check(
  shipped.some((f) => /^trust\/test-pki\/.+\.pem$/.test(f)),
  'no test PKI anchor in resources/trust/test-pki',
)
check(
  shipped.filter((f) => /^trust\/[^/]+\.xml$/.test(f)).length >= 4,
  'fewer than 4 trusted lists in resources/trust',
)
check(
  !files.some((f) => f.startsWith('/resources/')),
  'resources/ is inside app.asar too (it belongs beside it)',
)
step(`extraResources: ${shipped.length} files under resources/resources (fonts, trust, test PKI, config)`)

// Locales are bundled: main shows start-up errors in Latvian, the renderer carries all three.
const lv = JSON.parse(readFileSync(join(root, 'locales/lv.json'), 'utf8'))
const backendCode = asar.extractFile(archive, 'out/main/desktop-backend.js').toString('utf8')
const lvErrors = Object.values(lv.errors).filter((v) => typeof v === 'string')
const bundled = lvErrors.filter((v) => backendCode.includes(JSON.stringify(v).slice(1, -1))).length
check(bundled === lvErrors.length, `main bundles ${bundled} of ${lvErrors.length} Latvian error texts`)

if (failures.length) {
  console.error(`package dry run: layout FAILED (work folder ${work}):\n  ${failures.join('\n  ')}`)
  process.exit(1)
}

// --- 3. the backend, started from the packaged layout under plain Node ---------------------------------
const extracted = join(work, 'app')
asar.extractAll(archive, extracted)
const userData = join(work, 'userData')
const probe = join(work, 'probe.cjs')
writeFileSync(
  probe,
  `const [extracted, resourcesPath, userData, version] = process.argv.slice(2)
const { startDesktopBackend, appResourcesDir } = require(extracted + '/out/main/desktop-backend.js')
;(async () => {
  const resourcesDir = appResourcesDir({ isPackaged: true, resourcesPath, mainDir: extracted + '/out/main' })
  const backend = await startDesktopBackend({ userData, resourcesDir, version, firstRunCustomers: 12 })
  const call = async (method, input) => {
    const r = await backend.dispatch(method, input, 'ipc:dry-run')
    if (!r.ok) throw new Error(method + ': ' + JSON.stringify(r.error))
    return r.value
  }
  const out = {}
  out.info = await call('app.info', {})
  out.agent = (await call('session.signIn', { username: 'janis', password: 'janis-demo' })).agent.username
  const inv = backend.ctx.db.prepare('SELECT number FROM invoices ORDER BY number LIMIT 1').get()
  const found = await call('billing.find', { number: inv.number })
  const pdf = Buffer.from((await call('billing.print', { kind: 'invoice', id: found.match.id, purpose: 'preview' })).base64, 'base64')
  out.pdf = { bytes: pdf.length, header: pdf.subarray(0, 5).toString(), dejavu: pdf.includes('DejaVuSans') }
  // Document validation runs in out/main/validation-worker.js (a worker thread) from the packaged layout.
  const customer = backend.ctx.db.prepare('SELECT id FROM customers ORDER BY id LIMIT 1').get()
  const doc = await call('document.add', { customerId: customer.id, fileName: 'invoice.pdf', contentBase64: pdf.toString('base64') })
  out.document = { status: doc.status, workers: backend.ctx.validation.threads }
  // A WAL past the on-thread limit is checkpointed in out/main/checkpoint-worker.js (its own connection).
  backend.ctx.db.exec('CREATE TABLE dry_run_fill (v BLOB)')
  backend.ctx.db.prepare('INSERT INTO dry_run_fill (v) VALUES (zeroblob(6291456))').run()
  backend.checkpointer.run()
  await backend.checkpointer.settled()
  out.checkpoint = { offThread: backend.checkpointer.offThread }
  backend.ctx.db.exec('DROP TABLE dry_run_fill')
  const trust = await call('document.setTrustTestPki', { trustTestPki: true })
  out.trust = { lists: trust.lists.map((l) => l.territory + (l.used ? '' : '(unused)')), testAnchors: trust.testAnchors }
  out.resolved = {
    betterSqlite3: require.resolve('better-sqlite3', { paths: [extracted + '/out/main'] }),
    resourcesDir,
  }
  backend.close()
  console.log(JSON.stringify(out))
})().catch((e) => { console.error(e); process.exit(1) })
`,
)
const run = spawnSync(process.execPath, [probe, extracted, resourcesPath, userData, pkg.version], {
  cwd: work,
  encoding: 'utf8',
  env: { PATH: process.env.PATH, HOME: work },
})
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr)
  console.error(`package dry run: the backend did not start from the packaged layout; work folder ${work}`)
  process.exit(1)
}
const seen = JSON.parse(run.stdout.trim().split('\n').pop())
check(
  seen.info.shell === 'electron' && seen.info.version === pkg.version,
  `app.info: ${JSON.stringify(seen.info)}`,
)
check(seen.agent === 'janis', 'sign-in failed')
check(seen.pdf.header === '%PDF-' && seen.pdf.dejavu, `invoice PDF: ${JSON.stringify(seen.pdf)}`)
check(
  seen.document.status === 'UNSUPPORTED' && seen.document.workers >= 1,
  `document validated in a worker: ${JSON.stringify(seen.document)}`,
)
check(seen.checkpoint.offThread, `WAL checkpoint in a worker thread: ${JSON.stringify(seen.checkpoint)}`)
check(seen.trust.lists.length >= 4 && seen.trust.testAnchors >= 1, `trust: ${JSON.stringify(seen.trust)}`)
check(
  seen.resolved.betterSqlite3.startsWith(extracted),
  `better-sqlite3 came from ${seen.resolved.betterSqlite3}`,
)
check(
  seen.resolved.resourcesDir === join(resourcesPath, 'resources'),
  `resources from ${seen.resolved.resourcesDir}`,
)
check(existsSync(join(userData, 'gasdesk.sqlite')), 'no SQLite file in userData')
step(
  `backend from the layout: ${seen.info.shell} ${seen.info.version}, schema ${seen.info.schemaVersion}; ` +
    `signed in ${seen.agent}; invoice PDF ${seen.pdf.bytes} B with DejaVu; trusted lists ${seen.trust.lists.join(' ')}` +
    ` + ${seen.trust.testAnchors} test anchor(s); a PDF validated in ${seen.document.workers} worker thread(s); a large WAL checkpointed in its worker`,
)

if (failures.length) {
  console.error(`package dry run: FAILED (work folder ${work}):\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
if (!keep) rmSync(work, { recursive: true, force: true })
step('OK')
