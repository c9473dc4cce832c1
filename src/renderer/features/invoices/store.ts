import { defineStore } from 'pinia'
import { useApi } from '../../api'

export type PrintKind = 'invoice' | 'statement'

/** Opens PDF bytes in a new browser tab (the browser's viewer prints and saves). */
export function openPdf(base64: string, filename: string, win: Window = window): boolean {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
  const tab = win.open(url, '_blank')
  if (tab) tab.document.title = filename
  // The tab keeps its own reference; release ours once it has loaded.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return tab !== null
}

/** Saves PDF bytes as a download (browser shell's "Save as PDF"). */
export function downloadPdf(base64: string, filename: string, doc: Document = document): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
  const a = doc.createElement('a')
  a.href = url
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Billing of a customer for the desk: amounts, documents, series, and printing (every print audited). */
export const useBillingStore = defineStore('billing', () => {
  const api = useApi()
  const account = (customerId: string) => api.call('billing.account', { customerId })
  const documents = (customerId: string) => api.call('billing.documents', { customerId })
  const series = (premiseId: string) => api.call('billing.series', { premiseId })
  const find = (number: string) => api.call('billing.find', { number })
  /** Preview opens the PDF (new tab); save downloads it. */
  async function print(kind: PrintKind, id: string, purpose: 'preview' | 'save'): Promise<boolean> {
    const pdf = await api.call('billing.print', { kind, id, purpose })
    if (purpose === 'save') {
      downloadPdf(pdf.base64, pdf.filename)
      return true
    }
    return openPdf(pdf.base64, pdf.filename)
  }
  return { account, documents, series, find, print }
})
