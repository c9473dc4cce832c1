/**
 * `npm run bench [-- --filter TEXT] [-- --json]`: runs every test/bench/*.bench.ts. Each file exports
 * `benchmarks: Benchmark[]` (see harness.ts); adding a file is all it takes to add a benchmark.
 * Prints a table with the target beside each figure, or a JSON array of {name, unit, value}.
 * A missed target is shown, not fatal: the exit code is non-zero only when a benchmark throws.
 */
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { parseArgs } from 'node:util'
import { describeTarget, formatValue, meetsTarget, type Benchmark, type Figure } from './harness'

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { filter: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
    strict: true,
  })
  const filters = (values.filter ?? []).map((f) => f.toLowerCase())
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
  const figures: Figure[] = []
  let failed = 0
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { benchmarks?: Benchmark[] }
    for (const bench of mod.benchmarks ?? []) {
      const label = `${basename(file, '.bench.ts')} ${bench.name}`.toLowerCase()
      if (filters.length > 0 && !filters.some((f) => label.includes(f))) continue
      if (!values.json) process.stderr.write(`running ${bench.name} ...\n`)
      try {
        figures.push(...(await bench.run()))
      } catch (e) {
        failed++
        process.stderr.write(`${bench.name} failed: ${(e as Error).stack ?? String(e)}\n`)
      }
    }
  }
  if (values.json) {
    console.log(
      JSON.stringify(
        figures.map(({ name, unit, value }) => ({ name, unit, value })),
        null,
        2,
      ),
    )
  } else {
    printTable(figures)
  }
  return failed > 0 ? 1 : 0
}

function printTable(figures: Figure[]): void {
  const rows = [
    ['benchmark', 'value', 'unit', 'target', 'ok?'],
    ...figures.map((f) => {
      const ok = meetsTarget(f)
      return [
        f.name,
        formatValue(f.value),
        f.unit,
        describeTarget(f),
        ok === null ? '' : ok ? 'yes' : 'MISSED',
      ]
    }),
  ]
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  console.log(line(rows[0]))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows.slice(1)) console.log(line(r))
  if (figures.length === 0) console.log('(no benchmark matched)')
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (e) => {
    console.error(e)
    process.exitCode = 1
  },
)
