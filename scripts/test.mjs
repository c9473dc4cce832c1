// `npm test`: node and renderer tests, then the end-to-end suite in Debian's Chromium against the browser
// shell. Without a Chromium the e2e suite is skipped loudly — unless CI=true, where that is a failure.
// Prints one closing line `N passed, N failed[, N skipped]` (also written to out/test-summary.txt).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const outDir = join(root, 'out')
mkdirSync(outDir, { recursive: true })
const extra = process.argv.slice(2)
const chromium = process.env.GASDESK_CHROMIUM || '/usr/bin/chromium'
const ci = process.env.CI === 'true' || process.env.CI === '1'
const totals = { passed: 0, failed: 0, skipped: 0 }
let ok = true

function vitest(label, projects) {
  const report = join(outDir, `vitest-${label}.json`)
  rmSync(report, { force: true })
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    '--passWithNoTests',
    ...extra,
  ]
  const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: process.env })
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'))
    totals.passed += j.numPassedTests
    totals.failed += j.numFailedTests
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0)
    // A suite that failed to load has no failed tests but is still a failure.
    if (j.numFailedTestSuites > 0 && j.numFailedTests === 0) totals.failed += j.numFailedTestSuites
  } else {
    totals.failed += 1
  }
  if (r.status !== 0) ok = false
}

vitest('unit', ['node', 'central', 'renderer'])

if (existsSync(chromium)) {
  if (
    !existsSync(join(outDir, 'renderer', 'index.html')) ||
    !existsSync(join(outDir, 'cli', 'web-host.cjs'))
  ) {
    console.log('\nBuilding the app for the end-to-end tests (npm run build)...')
    const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
    if (b.status !== 0) ok = false
  }
  process.env.GASDESK_CHROMIUM = chromium
  vitest('e2e', ['e2e'])
} else if (ci) {
  console.error(`\nEND-TO-END TESTS FAILED TO RUN: no Chromium at ${chromium} (CI=true requires it).`)
  totals.failed += 1
  ok = false
} else {
  console.log(
    `\n*** End-to-end tests did NOT run: no Chromium at ${chromium}. Install it (apt-get install chromium) or set GASDESK_CHROMIUM. ***`,
  )
}

const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`
writeFileSync(join(outDir, 'test-summary.txt'), line + '\n')
console.log(`\n${line}`)
process.exit(ok && totals.failed === 0 ? 0 : 1)
