import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const RESOURCES = join(__dirname, '../../../resources')

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'gasdesk-docs-'))

/** The text layer, page by page (pdftotext's form feed splits pages). */
export function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  return text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '')
}

/** Raw text without layout (words in reading order), whitespace collapsed. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  )
}

/** Renders page `page` to a greyscale PGM at `dpi` and returns width, height and pixels. */
export function renderPage(file: string, page: number, dpi = 30): { w: number; h: number; px: Buffer } {
  const out = execFileSync('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    file,
  ])
  // PGM (P5): header "P5\n<w> <h>\n255\n" then bytes.
  const header = out.subarray(0, 40).toString('latin1')
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header)
  if (!m) throw new Error('not a PGM')
  return { w: Number(m[1]), h: Number(m[2]), px: out.subarray(m[0].length) }
}
