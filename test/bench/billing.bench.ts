import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { loadFonts, loadSeller, writeInvoicePdf, writeStatementPdf } from '../../src/backend/documents'
import { sampleStatement, workedExampleInvoice } from '../backend/documents/fixtures'
import { median, type Benchmark, type Figure } from './harness'

const RESOURCES = join(__dirname, '../../resources')
// A forced collection shows the live heap, not the collector's laziness.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const env = () => ({ fonts: loadFonts(RESOURCES), seller: loadSeller(RESOURCES) })

async function toNowhere(write: (out: PassThrough) => Promise<void>): Promise<void> {
  const out = new PassThrough()
  out.resume()
  await write(out)
}

/**
 * Writes `n` statements, one file each, as a batch does. Returns seconds, the peak RSS and the largest
 * live-heap growth (after a forced collection every 100 documents) over the start.
 */
async function statementBatch(n: number): Promise<{ s: number; peakRssMb: number; liveGrowthMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-bench-'))
  const e = env()
  gc()
  const baseHeap = process.memoryUsage().heapUsed
  let peakRss = process.memoryUsage().rss
  let growth = 0
  let measured = 0
  const start = performance.now()
  for (let i = 0; i < n; i++) {
    const st = sampleStatement({ number: `GDP-2024-${String(i + 1).padStart(7, '0')}` })
    await writeStatementPdf(st, e, createWriteStream(join(dir, `${st.number}.pdf`)))
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
    if ((i + 1) % 100 === 0) {
      const t = performance.now()
      gc()
      growth = Math.max(growth, process.memoryUsage().heapUsed - baseHeap)
      measured += performance.now() - t
    }
  }
  const s = (performance.now() - start - measured) / 1000
  rmSync(dir, { recursive: true, force: true })
  return { s, peakRssMb: peakRss / 1024 / 1024, liveGrowthMb: growth / 1024 / 1024 }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'invoice PDF (warm)',
    async run() {
      const e = env()
      const inv = workedExampleInvoice()
      for (let i = 0; i < 10; i++) await toNowhere((out) => writeInvoicePdf(inv, e, out))
      const times: number[] = []
      for (let i = 0; i < 50; i++) {
        const start = performance.now()
        await toNowhere((out) => writeInvoicePdf(inv, e, out))
        times.push(performance.now() - start)
      }
      return [
        {
          name: 'one invoice PDF, warm (median of 50)',
          unit: 'ms',
          value: median(times),
          target: { max: 30 },
        },
      ]
    },
  },
  {
    name: 'statement batch',
    async run() {
      const figures: Figure[] = []
      const small = await statementBatch(200)
      const big = await statementBatch(1000)
      figures.push(
        { name: '1,000 statements, one file each', unit: 's', value: big.s, target: { max: 30 } },
        { name: 'peak RSS, batch of 1,000', unit: 'MB', value: big.peakRssMb },
        { name: 'live heap growth, batch of 200', unit: 'MB', value: small.liveGrowthMb },
        {
          name: 'live heap growth, batch of 1,000 (flat: about the 200 figure)',
          unit: 'MB',
          value: big.liveGrowthMb,
        },
      )
      return figures
    },
  },
]
