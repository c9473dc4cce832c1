// The process entry (`npm run gasdesk`, the built CLI): runs main and turns its answer into the exit code.
// Only light modules load here: each command, and the error reporter, load when they run (`verify` must
// not wait for the PDF renderer).
import { EXIT } from './exit'
import { main } from './gasdesk'

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(`gasdesk: unexpected error: ${e instanceof Error ? e.message : String(e)}`)
    if (process.env.GASDESK_DEBUG) console.error(e)
    process.exitCode = EXIT.failed
  },
)
