import QRCode from 'qrcode'
import type { PdfLayout } from './layout'

export type QrMatrix = ReturnType<typeof QRCode.create>['modules']

/**
 * The last few symbols by payload: the mask search costs about a millisecond, and the same invoice is
 * drawn again for its preview, its print and its copies. Insertion order makes the Map an LRU list.
 */
const recent = new Map<string, QrMatrix>()
const RECENT_MAX = 32

export function qrMatrix(payload: string): QrMatrix {
  let modules = recent.get(payload)
  if (modules) recent.delete(payload)
  else modules = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules
  recent.set(payload, modules)
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string)
  return modules
}

/**
 * A QR code drawn as vector squares (no raster image), `size` points wide including the four-module quiet
 * zone the standard asks for. Error correction M, as EPC069-12 recommends.
 */
export function drawQr(layout: PdfLayout, payload: string, x: number, y: number, size: number): void {
  const modules = qrMatrix(payload)
  const n = modules.size
  const cell = size / (n + 8)
  const doc = layout.doc
  doc.save()
  // One rectangle per run of dark modules in a row: the same filled area in about a third of the
  // content-stream bytes (which every document then compresses).
  for (let r = 0; r < n; r++) {
    let c = 0
    while (c < n) {
      if (!modules.data[r * n + c]) {
        c++
        continue
      }
      const start = c
      while (c < n && modules.data[r * n + c]) c++
      doc.rect(x + (start + 4) * cell, y + (r + 4) * cell, (c - start) * cell, cell)
    }
  }
  doc.fill('#000000').restore()
}
