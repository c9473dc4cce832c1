import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { qrMatrix } from '../../../src/backend/documents/qr'

const payload = (i: number) =>
  `BCD\n002\n1\nSCT\nHABALV22\nAS Demo\nLV80BANK0000435195001\nEUR${i}.00\n\n\n100004567`

describe('QR symbols by payload', () => {
  it('is the symbol qrcode makes at error correction M', () => {
    const fresh = QRCode.create(payload(1), { errorCorrectionLevel: 'M' }).modules
    const m = qrMatrix(payload(1))
    expect(m.size).toBe(fresh.size)
    expect(Array.from(m.data)).toEqual(Array.from(fresh.data))
  })

  it('reuses a recent payload and forgets the least recently used past 32', () => {
    const first = qrMatrix(payload(100))
    expect(qrMatrix(payload(100))).toBe(first)
    for (let i = 0; i < 32; i++) qrMatrix(payload(200 + i))
    const again = qrMatrix(payload(100))
    expect(again).not.toBe(first)
    expect(Array.from(again.data)).toEqual(Array.from(first.data))
  })
})
