#!/usr/bin/env node
// `node scripts/engines.mjs` (CI, right after `npm ci --loglevel=error`): what npm's EBADENGINE warnings
// would have said, in a few lines, plus the one case that matters on this machine.
//
// The Linux CI box runs Node 20; the Windows build machine runs Node 22 LTS (README, "Building a
// release"). Electron 43 and its packaging tooling (@electron/get, @electron/rebuild, node-abi, nopt, …)
// declare Node >= 22 and are only used there. What runs on this machine's Node — the backend, the CLI
// and the browser shell — is checked: if one of the packages it loads (and their dependencies) does not
// accept the running Node, this fails.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages
const node = process.versions.node.split('.').map(Number)

// --- a small semver range check, enough for engines fields (^ ~ >= > <= < = x, ||, hyphen ranges) ---
const parse = (v) => {
  const parts = v.replace(/^v/, '').split('.')
  return [0, 1, 2].map((i) => (parts[i] === undefined || /^[x*]$/i.test(parts[i]) ? null : Number(parts[i])))
}
const cmp = (a, b) => {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0)
  return 0
}
function satisfiesComparator(v, c) {
  const m = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(c)
  const op = m[1] ?? ''
  const p = parse(m[2])
  const lower = p.map((x) => x ?? 0)
  if (op === '>=') return cmp(v, lower) >= 0
  if (op === '>') return cmp(v, lower) > 0
  if (op === '<=') return cmp(v, lower) <= 0
  if (op === '<') return cmp(v, lower) < 0
  if (op === '^') {
    const upper = p[0] > 0 ? [p[0] + 1, 0, 0] : p[1] > 0 ? [0, p[1] + 1, 0] : [0, 0, (p[2] ?? 0) + 1]
    return cmp(v, lower) >= 0 && cmp(v, upper) < 0
  }
  if (op === '~') return cmp(v, lower) >= 0 && cmp(v, [p[0], (p[1] ?? 0) + 1, 0]) < 0
  // bare or '=' version, possibly partial (20, 20.x): every given part must match
  return p.every((x, i) => x === null || x === v[i])
}
export function satisfies(version, range) {
  return range.split('||').some((set) => {
    const s = set.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(s)
    if (hyphen)
      return (
        cmp(
          version,
          parse(hyphen[1]).map((x) => x ?? 0),
        ) >= 0 && satisfiesComparator(version, `<=${hyphen[2]}`)
      )
    return s === '' || s === '*' || s.split(/\s+/).every((c) => satisfiesComparator(version, c))
  })
}

// --- what runs on this Node: bare imports of the Node-side source, and their dependency closure ------
const nodeSide = ['core', 'contract', 'backend', 'main', 'web-host', 'cli']
const roots = new Set()
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) walk(p)
    else if (/\.ts$/.test(f)) {
      for (const m of readFileSync(p, 'utf8').matchAll(/^import (?!type )[^'"]*['"]([^'"./][^'"]*)['"]/gm)) {
        const spec = m[1]
        if (spec.startsWith('node:') || spec === 'electron') continue
        roots.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0])
      }
    }
  }
}
for (const part of nodeSide) walk(join(root, 'src', part))

/** npm's resolution in the lockfile: the nearest node_modules/<name> above `from`. */
function locate(name, from) {
  let base = from
  for (;;) {
    const key = `${base ? `${base}/` : ''}node_modules/${name}`
    if (lock[key]) return key
    if (!base) return null
    const i = base.lastIndexOf('/node_modules/')
    base = i < 0 ? '' : base.slice(0, i)
  }
}
const runtime = new Map()
const queue = [...roots].map((n) => locate(n, ''))
while (queue.length) {
  const key = queue.pop()
  if (!key || runtime.has(key)) continue
  runtime.set(key, lock[key])
  for (const dep of Object.keys({ ...lock[key].dependencies, ...lock[key].optionalDependencies })) {
    queue.push(locate(dep, key))
  }
}

const name = (key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)
const wants = (entry) => entry.engines?.node && !satisfies(node, entry.engines.node)
const runtimeMisfits = [...runtime].filter(([, e]) => wants(e))
const others = Object.entries(lock).filter(([k, e]) => k && !runtime.has(k) && wants(e))
const unique = (list) => [...new Set(list.map(([k]) => name(k)))].sort()

console.log(
  `engines: Node ${process.versions.node} here; package.json says ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node}.`,
)
console.log(
  `engines: runtime on this Node (backend, CLI, browser shell: ${[...roots].sort().join(', ')} and ` +
    `${runtime.size - roots.size} dependencies): ${runtimeMisfits.length ? 'SOME REFUSE IT' : 'all accept it'}.`,
)
if (others.length) {
  console.log(
    `engines: ${unique(others).length} other packages declare a newer Node (npm's EBADENGINE warnings, ` +
      `silenced in CI): ${unique(others).join(', ')}. None of them is loaded by the backend, the CLI or the ` +
      `browser shell: they are build and packaging tooling (Electron 43 and its download/rebuild helpers, ` +
      `vue-router's compile-time plugins), used for releases on the Windows build machine, which runs Node 22 LTS.`,
  )
}
if (runtimeMisfits.length) {
  for (const [k, e] of runtimeMisfits) console.error(`  ${name(k)} wants node ${e.engines.node}`)
  process.exit(1)
}
