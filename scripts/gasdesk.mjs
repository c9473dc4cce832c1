// `npm run gasdesk -- …` runs the built CLI (out/cli/gasdesk.cjs), the same file package.json `bin` and
// the installer use, in this process. From the sources instead: `npm run gasdesk:src -- …` (tsx).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../out/cli/gasdesk.cjs', import.meta.url))
if (!existsSync(cli)) {
  console.error(
    'gasdesk: out/cli/gasdesk.cjs is missing: run `npm run build` (or `npm run gasdesk:src -- …`)',
  )
  process.exit(3)
}
// The CLI reads its arguments from process.argv after the script: keep that shape.
process.argv.splice(1, 1, cli)
createRequire(import.meta.url)(cli)
