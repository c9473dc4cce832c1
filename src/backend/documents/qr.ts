import QRCode from 'qrcode'
import type { PdfLayout } from './layout'

/**
 * A QR code drawn as vector squares (no raster image), `size` points wide including the four-module quiet
 * zone the standard asks for. Error correction M, as EPC069-12 recommends.
 */
export function drawQr(layout: PdfLayout, payload: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const cell = size / (n + 8)
  const doc = layout.doc
  doc.save()
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.data[r * n + c]) doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, cell, cell)
    }
  }
  doc.fill('#000000').restore()
}
