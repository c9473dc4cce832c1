import { join, resolve } from 'node:path'

/**
 * Where fonts, trusted lists and seller configuration are read from (no electron import, so the
 * packaging dry run can use it under plain Node).
 *
 * - Packaged: electron-builder copies them as extraResources to `<install>/resources/resources/`
 *   (`process.resourcesPath` is `<install>/resources`, beside app.asar), outside the ASAR so that
 *   fonts and trust lists are plain files and can be updated without rebuilding the archive.
 * - Development (`electron .` from the repository): out/main/index.js -> ../../resources.
 */
export function appResourcesDir(opts: {
  isPackaged: boolean
  resourcesPath: string
  mainDir: string
}): string {
  return opts.isPackaged ? join(opts.resourcesPath, 'resources') : resolve(opts.mainDir, '../../resources')
}
