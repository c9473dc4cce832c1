import type { Writable } from 'node:stream'
import PDFDocument from 'pdfkit'
import type { FontSet } from './fonts'
import { attachShapingCaches } from './shaping-cache'

/** A4 in PDF points. */
export const A4 = { width: 595.28, height: 841.89 } as const
export const MARGIN = 36
const FOOTER_HEIGHT = 22

export interface TextStyle {
  size?: number
  bold?: boolean
  color?: string
  align?: 'left' | 'right' | 'center'
}

export interface Column {
  header: string
  /** Points; the last column takes what is left when omitted. */
  width?: number
  align?: 'left' | 'right'
}

export interface TableOptions {
  size?: number
  /** Drawn above the header row when the table continues on a new page. */
  continuedLabel?: string
}

export interface LayoutOptions {
  fonts: FontSet
  out: Writable
  info: { Title: string; Author?: string; Subject?: string }
  /** Draws the running header of a page from `layout.y` and moves the cursor below it. */
  pageHeader(layout: PdfLayout, pageNo: number): void
  /** Footer text of a page (the page number is the caller's to include). */
  footer?(pageNo: number): string
}

const CELL_PAD = 3

/**
 * A4 documents over pdfkit, written straight to a stream: pages are flushed as they are finished, so a
 * batch of thousands never sits in memory. Everything is placed at explicit coordinates with pdfkit's
 * own automatic page breaking out of play (zero margins); flowing content asks `ensureSpace` first and
 * new pages get the running header again.
 */
export class PdfLayout {
  readonly doc: PDFKit.PDFDocument
  readonly left = MARGIN
  readonly right = A4.width - MARGIN
  readonly width = A4.width - 2 * MARGIN
  readonly bottom = A4.height - MARGIN - FOOTER_HEIGHT
  y = MARGIN
  pageNo = 0
  private readonly finished: Promise<void>
  private readonly releaseShaping: () => void

  constructor(private options: LayoutOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      autoFirstPage: false,
      compress: true,
      info: options.info,
      lang: 'lv-LV',
      // No default font: pdfkit would load the Helvetica metrics for each document and never use them.
      font: null as unknown as string,
    })
    // pdfkit takes a parsed fontkit font (its types only list file sources).
    this.doc.registerFont('regular', options.fonts.regular as unknown as Buffer)
    this.doc.registerFont('bold', options.fonts.bold as unknown as Buffer)
    this.releaseShaping = attachShapingCaches(this.doc, [
      ['bold', options.fonts.bold],
      ['regular', options.fonts.regular],
    ])
    this.finished = new Promise<void>((resolve, reject) => {
      options.out.once('finish', resolve)
      options.out.once('error', reject)
      this.doc.once('error', reject)
    })
    // A write can fail (no space, /dev/full) long before finish() is awaited: that is where it is
    // reported, never as an unhandled rejection that ends the process.
    this.finished.catch(() => {})
    this.doc.pipe(options.out)
    this.newPage()
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 })
    this.pageNo += 1
    this.y = MARGIN
    const footer = this.options.footer?.(this.pageNo)
    if (footer) {
      this.line(this.left, this.bottom + 6, this.right, this.bottom + 6, '#999999')
      this.textAt(footer, this.left, this.bottom + 10, this.width, { size: 7, color: '#555555' })
    }
    this.options.pageHeader(this, this.pageNo)
  }

  /**
   * Starts the next document of a combined batch file on a fresh page, with that document's running
   * header and footer.
   */
  restart(chrome: Pick<LayoutOptions, 'pageHeader' | 'footer'>): void {
    this.options = { ...this.options, ...chrome }
    this.pageNo = 0
    this.newPage()
  }

  /** Starts a new page when `height` points do not fit below the cursor. Returns whether it did. */
  ensureSpace(height: number): boolean {
    if (this.y + height <= this.bottom) return false
    this.newPage()
    return true
  }

  private style(s: TextStyle): void {
    this.doc
      .font(s.bold ? 'bold' : 'regular')
      .fontSize(s.size ?? 9)
      .fillColor(s.color ?? '#000000')
  }

  /** Height of `text` wrapped to `width` in style `s`. */
  measure(text: string, width: number, s: TextStyle = {}): number {
    this.style(s)
    return this.doc.heightOfString(text, { width, lineGap: 0 })
  }

  /** Text wrapped inside a box of `width` at (x, y), long words broken; returns the height used. */
  textAt(text: string, x: number, y: number, width: number, s: TextStyle = {}): number {
    this.style(s)
    // pdfkit leaves its cursor below the text: the height without laying the text out a second time.
    this.doc.text(text, x, y, { width, align: s.align ?? 'left', lineGap: 0 })
    return this.doc.y - y
  }

  /** A paragraph across the full width at the cursor (on a new page when it does not fit). */
  paragraph(text: string, s: TextStyle = {}, gapAfter = 4): void {
    const height = this.measure(text, this.width, s)
    this.ensureSpace(height)
    this.textAt(text, this.left, this.y, this.width, s)
    this.y += height + gapAfter
  }

  line(x1: number, y1: number, x2: number, y2: number, color = '#000000', width = 0.5): void {
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y1).lineTo(x2, y2).stroke().restore()
  }

  rect(x: number, y: number, w: number, h: number, opts: { fill?: string; stroke?: string }): void {
    this.doc.save().lineWidth(0.5)
    this.doc.rect(x, y, w, h)
    if (opts.fill && opts.stroke) this.doc.fillAndStroke(opts.fill, opts.stroke)
    else if (opts.fill) this.doc.fill(opts.fill)
    else this.doc.stroke(opts.stroke ?? '#000000')
    this.doc.restore()
  }

  /**
   * A framed box with a small title and lines of text that wrap inside it (names and addresses of 120
   * characters and more). Returns its height; `measureOnly` computes it without drawing.
   */
  box(
    title: string,
    lines: ReadonlyArray<{ text: string; style?: TextStyle }>,
    x: number,
    y: number,
    width: number,
    minHeight = 0,
    measureOnly = false,
  ): number {
    const inner = width - 2 * CELL_PAD - 2
    let h = CELL_PAD + this.measure(title, inner, { size: 7, color: '#444444' }) + 2
    for (const l of lines) h += this.measure(l.text, inner, { size: 8, ...l.style }) + 1
    h = Math.max(minHeight, h + CELL_PAD)
    if (measureOnly) return h
    this.rect(x, y, width, h, { stroke: '#888888' })
    let cy = y + CELL_PAD
    cy += this.textAt(title, x + CELL_PAD + 1, cy, inner, { size: 7, color: '#444444' }) + 2
    for (const l of lines) cy += this.textAt(l.text, x + CELL_PAD + 1, cy, inner, { size: 8, ...l.style }) + 1
    return h
  }

  /** Label and value pairs in two columns at the cursor, wrapping both; moves the cursor. */
  keyValues(pairs: ReadonlyArray<[string, string]>, labelWidth: number, s: TextStyle = {}): void {
    const valueWidth = this.width - labelWidth - 6
    for (const [k, v] of pairs) {
      const h = Math.max(
        this.measure(k, labelWidth, { ...s, color: '#444444' }),
        this.measure(v, valueWidth, { ...s, bold: true }),
      )
      this.ensureSpace(h)
      this.textAt(k, this.left, this.y, labelWidth, { ...s, color: '#444444' })
      this.textAt(v, this.left + labelWidth + 6, this.y, valueWidth, { ...s, bold: true })
      this.y += h + 2
    }
  }

  private columnWidths(columns: readonly Column[]): number[] {
    const fixed = columns.reduce((a, c) => a + (c.width ?? 0), 0)
    const flexible = columns.filter((c) => c.width === undefined).length
    const rest = flexible ? (this.width - fixed) / flexible : 0
    return columns.map((c) => c.width ?? rest)
  }

  private rowHeight(cells: readonly string[], widths: number[], s: TextStyle): number {
    let h = 0
    cells.forEach((c, i) => {
      h = Math.max(h, this.measure(c, widths[i] - 2 * CELL_PAD, s))
    })
    return h + 2 * CELL_PAD
  }

  private drawRow(
    cells: readonly string[],
    columns: readonly Column[],
    widths: number[],
    s: TextStyle,
    h: number,
    fill?: string,
  ): void {
    if (fill) this.rect(this.left, this.y, this.width, h, { fill })
    let x = this.left
    cells.forEach((c, i) => {
      this.textAt(c, x + CELL_PAD, this.y + CELL_PAD, widths[i] - 2 * CELL_PAD, {
        ...s,
        align: columns[i].align ?? 'left',
      })
      x += widths[i]
    })
    this.y += h
  }

  /**
   * A table that flows onto further pages: each row is measured (cells wrap), and a page break repeats
   * the header row (below the page header). Rows marked `bold` are totals.
   */
  table(
    columns: readonly Column[],
    rows: ReadonlyArray<{ cells: readonly string[]; bold?: boolean }>,
    opts: TableOptions = {},
  ): void {
    const widths = this.columnWidths(columns)
    const size = opts.size ?? 7.5
    const headStyle: TextStyle = { size, bold: true }
    const headers = columns.map((c) => c.header)
    const headHeight = this.rowHeight(headers, widths, headStyle)
    const header = (continued: boolean) => {
      if (continued && opts.continuedLabel)
        this.paragraph(opts.continuedLabel, { size: 7, color: '#555555' }, 2)
      this.drawRow(headers, columns, widths, headStyle, headHeight, '#e6e6e6')
    }
    const first = rows.length ? this.rowHeight(rows[0].cells, widths, { size, bold: rows[0].bold }) : 0
    this.ensureSpace(headHeight + first)
    header(false)
    for (const row of rows) {
      const style: TextStyle = { size, bold: row.bold }
      const h = this.rowHeight(row.cells, widths, style)
      if (this.ensureSpace(h)) header(true)
      this.drawRow(row.cells, columns, widths, style, h)
      this.line(this.left, this.y, this.right, this.y, '#cccccc')
    }
    this.y += 4
  }

  /** Ends the document and resolves when the stream has taken every byte. */
  finish(): Promise<void> {
    this.doc.end()
    this.releaseShaping()
    return this.finished
  }
}
