import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * The shipped resources/ folder (fonts, trusted lists, seller configuration). The CLI runs from the
 * sources (src/cli/commands), from the build (out/cli, or a shared chunk in out/cli/assets) or through
 * the `gasdesk` bin from any working folder, so it is found upwards from this file, never from the
 * working folder. GASDESK_RESOURCES overrides it (an installed layout that keeps resources elsewhere).
 */
export function resourcesDir(from: string = __dirname): string {
  const override = process.env.GASDESK_RESOURCES
  if (override) return resolve(override)
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'resources', 'trust'))) return join(dir, 'resources')
  }
  throw new Error(`the GasDesk resources folder was not found above ${from} (set GASDESK_RESOURCES)`)
}
