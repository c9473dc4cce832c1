import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { BatchProgress, MethodInput } from '../../contract'
import { useApi } from '../api'
import { saveDownload } from '../download'

export type PrintKind = 'invoice' | 'statement'

const pdfUrl = (parts: BlobPart[]) => URL.createObjectURL(new Blob(parts, { type: 'application/pdf' }))
const fromBase64 = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))

/**
 * Shows a PDF in a browser tab under a title the agent can read ("Rēķins Nr. …", not a blob address):
 * the tab is a blank page of ours holding the browser's PDF viewer in a full-size frame. `tab` is opened
 * by the caller before its first await, so no pop-up blocker stands in the way; null means it was blocked.
 */
export function showPdfInTab(tab: Window | null, parts: BlobPart[], title: string): boolean {
  if (!tab) return false
  const url = pdfUrl(parts)
  const doc = tab.document
  doc.title = title
  doc.documentElement.lang = document.documentElement.lang
  const frame = doc.createElement('iframe')
  frame.title = title
  frame.src = url
  // Set through the CSSOM, which the page's style-src policy allows (a style attribute it would not).
  frame.style.cssText = 'position:fixed;inset:0;width:100%;height:100%;border:0'
  doc.body.style.margin = '0'
  doc.body.replaceChildren(frame)
  // The frame keeps its document; release our reference once it has surely loaded.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return true
}

/** Saves PDF bytes as a download (the browser shell's "Save as PDF"). */
export function downloadPdf(parts: BlobPart[], filename: string, doc: Document = document): void {
  saveDownload(new Blob(parts, { type: 'application/pdf' }), filename, doc)
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

  /**
   * A customer's amounts and documents for the billing panel. Opening a customer asks for them at once,
   * beside `customers.get` (prefetch), instead of after the profile has rendered: one round trip less
   * before the agent sees the figures. A prefetched answer is used once, by the next overview of that
   * customer; anything later asks afresh.
   */
  let prefetched: { customerId: string; answer: ReturnType<typeof fetchOverview> } | null = null
  function fetchOverview(customerId: string) {
    return Promise.all([account(customerId), documents(customerId)])
  }
  function prefetch(customerId: string): void {
    const answer = fetchOverview(customerId)
    // A failed prefetch is asked again by the panel, which reports the error then.
    answer.catch(() => undefined)
    prefetched = { customerId, answer }
  }
  function overview(customerId: string): ReturnType<typeof fetchOverview> {
    const early = prefetched?.customerId === customerId ? prefetched.answer : null
    if (early) prefetched = null
    return early ? early.catch(() => fetchOverview(customerId)) : fetchOverview(customerId)
  }
  const series = (premiseId: string) => api.call('billing.series', { premiseId })
  const find = (number: string) => api.call('billing.find', { number })

  /**
   * Browser shell: preview/print opens a tab titled `title(number)`, save downloads. Electron: the system
   * dialogs.
   */
  async function print(
    kind: PrintKind,
    id: string,
    purpose: 'preview' | 'save',
    title: (number: string) => string,
  ): Promise<PrintOutcome> {
    await shellKnown
    if (desktop.value) {
      if (purpose === 'save')
        return { kind: 'saved', file: (await api.call('billing.saveAs', { kind, id })).file }
      return { kind: (await api.call('billing.printDialog', { kind, id })).outcome }
    }
    // The request leaves first: opening a tab takes the browser a while, and the PDF is made meanwhile.
    // Both happen in this same task, so the tab still counts as opened by the agent's click.
    const answer = api.call('billing.print', { kind, id, purpose })
    const tab = purpose === 'preview' ? window.open('', '_blank') : null
    try {
      const pdf = await answer
      if (purpose === 'save') {
        downloadPdf([fromBase64(pdf.base64)], pdf.filename)
        return { kind: 'saved', file: pdf.filename }
      }
      return showPdfInTab(tab, [fromBase64(pdf.base64)], title(pdf.number))
        ? { kind: 'opened' }
        : { kind: 'blocked' }
    } catch (e) {
      tab?.close()
      throw e
    }
  }

  /** The reading entry's live cost hint; null when there is nothing to price. */
  const estimate = async (input: MethodInput<'billing.estimate'>) =>
    (await api.call('billing.estimate', input)).estimate

  // Batch printing: one job at a time per screen, its progress from the `billing.batch` event.
  const batch = ref<BatchProgress | null>(null)
  // Progress can arrive before batchStart answers (a small batch): the latest event per job waits here.
  const early = new Map<string, BatchProgress>()
  api.on('billing.batch', (p) => {
    if (batch.value && p.jobId === batch.value.jobId) batch.value = p
    else early.set(p.jobId, p)
  })
  /** Starts a batch; null when nothing runs (empty selection, or the agent cancelled a dialog). */
  async function startBatch(
    input: MethodInput<'billing.batchStart'>,
  ): Promise<{ total: number; started: boolean }> {
    const r = await api.call('billing.batchStart', input)
    if (!r.jobId) return { total: r.total, started: false }
    batch.value = early.get(r.jobId) ?? { jobId: r.jobId, done: 0, total: r.total, state: 'running' }
    early.clear()
    return { total: r.total, started: true }
  }
  async function cancelBatch(): Promise<void> {
    if (batch.value) await api.call('billing.batchCancel', { jobId: batch.value.jobId })
  }
  /** Fetches a finished download slice by slice (the browser keeps the parts in a Blob) and saves it. */
  async function downloadBatch(jobId: string): Promise<void> {
    const parts: Uint8Array<ArrayBuffer>[] = []
    let offset: number | null = 0
    let filename = 'batch.pdf'
    while (offset !== null) {
      const r: { filename: string; base64: string; nextOffset: number | null } = await api.call(
        'billing.batchRead',
        { jobId, offset },
      )
      parts.push(fromBase64(r.base64))
      filename = r.filename
      offset = r.nextOffset
    }
    downloadPdf(parts, filename)
  }

  return {
    shell,
    desktop,
    account,
    documents,
    prefetch,
    overview,
    series,
    find,
    print,
    estimate,
    batch,
    startBatch,
    cancelBatch,
    downloadBatch,
  }
})
