import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../../api'

export type PrintKind = 'invoice' | 'statement'

const pdfUrl = (parts: BlobPart[]) => URL.createObjectURL(new Blob(parts, { type: 'application/pdf' }))
const fromBase64 = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))

/**
 * Opens a PDF in a browser tab (the browser's viewer prints and saves). `tab` is opened by the caller
 * before its first await, so no pop-up blocker stands in the way; null means it was blocked.
 */
export function showPdfInTab(tab: Window | null, parts: BlobPart[]): boolean {
  if (!tab) return false
  const url = pdfUrl(parts)
  tab.location.href = url
  // The tab keeps its own reference; release ours once it has loaded.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return true
}

/** Saves PDF bytes as a download (the browser shell's "Save as PDF"). */
export function downloadPdf(parts: BlobPart[], filename: string, doc: Document = document): void {
  const url = pdfUrl(parts)
  const a = doc.createElement('a')
  a.href = url
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** What a print or save action ended in, for the panel's status line. */
export type PrintOutcome =
  | { kind: 'opened' }
  | { kind: 'blocked' }
  | { kind: 'printed' }
  | { kind: 'cancelled' }
  | { kind: 'failed' }
  | { kind: 'saved'; file: string | null }

/**
 * Billing of a customer for the desk: amounts, documents, series, and printing (every print audited).
 * The shell decides how a PDF leaves the desk: Electron has the system print and save dialogs
 * (billing.printDialog / billing.saveAs); the browser shell opens the PDF in a tab or downloads it.
 */
export const useBillingStore = defineStore('billing', () => {
  const api = useApi()
  const shell = ref<'electron' | 'browser' | 'test' | null>(null)
  const shellKnown = api
    .call('app.info', {})
    .then((info) => (shell.value = info.shell))
    .catch(() => (shell.value = 'browser'))
  const desktop = computed(() => shell.value === 'electron')

  const account = (customerId: string) => api.call('billing.account', { customerId })
  const documents = (customerId: string) => api.call('billing.documents', { customerId })
  const series = (premiseId: string) => api.call('billing.series', { premiseId })
  const find = (number: string) => api.call('billing.find', { number })

  /** Browser shell: preview/print opens a tab, save downloads. Electron: the system dialogs. */
  async function print(kind: PrintKind, id: string, purpose: 'preview' | 'save'): Promise<PrintOutcome> {
    await shellKnown
    if (desktop.value) {
      if (purpose === 'save')
        return { kind: 'saved', file: (await api.call('billing.saveAs', { kind, id })).file }
      return { kind: (await api.call('billing.printDialog', { kind, id })).outcome }
    }
    const tab = purpose === 'preview' ? window.open('', '_blank') : null
    try {
      const pdf = await api.call('billing.print', { kind, id, purpose })
      if (purpose === 'save') {
        downloadPdf([fromBase64(pdf.base64)], pdf.filename)
        return { kind: 'saved', file: pdf.filename }
      }
      return showPdfInTab(tab, [fromBase64(pdf.base64)]) ? { kind: 'opened' } : { kind: 'blocked' }
    } catch (e) {
      tab?.close()
      throw e
    }
  }

  return { shell, desktop, account, documents, series, find, print }
})
