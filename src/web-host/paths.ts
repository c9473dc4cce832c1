import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** Same folder Electron's app.getPath('userData') gives the desktop shell (main sets the app name to GasDesk). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'GasDesk')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'GasDesk')
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'GasDesk')
}

export const defaultDbFile = (): string => join(userDataDir(), 'gasdesk.sqlite')

/** The built renderer: beside the bundle (out/cli -> out/renderer) or, from sources, the repo's out/renderer. */
export function defaultRendererDir(): string {
  const candidates = [
    resolve(__dirname, '../renderer'),
    resolve(__dirname, '../../out/renderer'),
    resolve('out/renderer'),
  ]
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0]
}
