/**
 * Child process for first-run-crash.test.ts: a first run (seed the demo database) that the parent kills
 * at a random moment. Prints `start` just before seeding and `done` after it.
 */
import { seedOnFirstRun } from '../../../src/backend/host/first-run'

const [file, customers] = process.argv.slice(2)
process.stdout.write('start\n')
seedOnFirstRun(file, Number(customers)).then(
  () => process.stdout.write('done\n'),
  (e: unknown) => {
    process.stderr.write(String(e))
    process.exitCode = 1
  },
)
