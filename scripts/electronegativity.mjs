#!/usr/bin/env node
// `npm run lint:electron`: Electronegativity (Doyensec's Electron security scanner, pinned in
// devDependencies) over src/main and src/preload, scanned together so its global checks (CSP,
// navigation limits, permission handler) see the main process and the preload as one application.
// Fails on any HIGH or MEDIUM finding that security/electronegativity-exceptions.json does not justify,
// and on an exception that no longer matches a finding (so the list cannot go stale).
//
//   node scripts/electronegativity.mjs [--src DIR]   (DIR holds main/ and preload/; default src/; tests use it)
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const work = join(root, 'out', `electronegativity-${process.pid}`)
const input = join(work, 'app')
const report = join(work, 'findings.csv')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const exceptions = JSON.parse(
  readFileSync(join(root, 'security', 'electronegativity-exceptions.json'), 'utf8'),
)

const srcFlag = process.argv.indexOf('--src')
const src = srcFlag > 0 ? process.argv[srcFlag + 1] : join(root, 'src')

rmSync(work, { recursive: true, force: true })
mkdirSync(input, { recursive: true })
for (const part of ['main', 'preload']) cpSync(join(src, part), join(input, part), { recursive: true })

const bin = join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity',
)
/** The tool's CSV: a header line, then quoted or bare fields. */
function parseCsv(text) {
  const rows = []
  for (const line of text.split(/\r?\n/).filter(Boolean)) {
    const fields = []
    let cur = ''
    let quoted = false
    for (let i = 0; i < line.length; i++) {
      const c = line[i]
      if (quoted && c === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (quoted && c === '"') {
        quoted = false
      } else if (quoted) {
        cur += c
      } else if (c === '"') {
        quoted = true
      } else if (c === ',') {
        fields.push(cur.trim())
        cur = ''
      } else {
        cur += c
      }
    }
    fields.push(cur.trim())
    rows.push(fields)
  }
  const [head, ...body] = rows
  return body.map((f) => Object.fromEntries(head.map((h, i) => [h.trim(), f[i] ?? ''])))
}

// -e: the Electron we ship (the tool would otherwise try to detect it, and look releases up online).
function scan() {
  const r = spawnSync(
    bin,
    ['-i', input, '-r', '-v', 'false', '-e', pkg.devDependencies.electron, '-o', report],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr)
    console.error(`electronegativity exited with ${r.status}`)
    process.exit(1)
  }
  return parseCsv(readFileSync(report, 'utf8')).map((f) => ({
    check: f.issue,
    severity: f.severity,
    confidence: f.confidence,
    file: f.filename,
    location: f.location,
    description: f.description,
  }))
}

let findings = scan()
const serious = () => findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM')
const matches = (e, f) => e.check === f.check && e.file === f.file
// Seen once in a loaded CI run: a scan that came back short (the tool's global checks missing). A short
// scan only ever shows up as "stale" exceptions, so that alone earns one more scan before failing.
if (exceptions.some((e) => !serious().some((f) => matches(e, f)))) findings = scan()
const seriousFindings = serious()
const unexcused = seriousFindings.filter((f) => !exceptions.some((e) => matches(e, f)))
const stale = exceptions.filter((e) => !seriousFindings.some((f) => matches(e, f)))

const line = (f) => `  ${f.severity}/${f.confidence} ${f.check} ${f.file}:${f.location} — ${f.description}`
const others = findings.length - seriousFindings.length
console.log(
  `electronegativity ${pkg.devDependencies['@doyensec/electronegativity']} over src/main + src/preload: ` +
    `${seriousFindings.length} high/medium (${seriousFindings.length - unexcused.length} justified in ` +
    `security/electronegativity-exceptions.json), ${others} low/informational`,
)
for (const f of seriousFindings.filter((x) => !unexcused.includes(x))) console.log(`${line(f)} [justified]`)
if (unexcused.length) {
  console.error('Findings without a justification (fix them, or justify them in the exceptions file):')
  for (const f of unexcused) console.error(line(f))
}
if (stale.length) {
  console.error('Exceptions that match no finding any more (remove them):')
  for (const e of stale) console.error(`  ${e.check} ${e.file}`)
}
rmSync(work, { recursive: true, force: true })
process.exit(unexcused.length || stale.length ? 1 : 0)
