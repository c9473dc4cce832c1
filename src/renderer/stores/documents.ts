import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { DocumentDetail, DocumentSummary, TrustState } from '../../contract/methods/documents'
import { MAX_DOCUMENT_UPLOAD_BYTES } from '../../contract/methods/documents'
import { ApiCallError, useApi } from '../api'

/** Reads a picked file as base64 without a data: URL round trip through the DOM. */
async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let out = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(out)
}

export const tooLargeError = (): ApiCallError =>
  new ApiCallError({
    code: 'VALIDATION',
    messageKey: 'documents.review.errors.tooLarge',
    details: { limitBytes: MAX_DOCUMENT_UPLOAD_BYTES },
  })

/**
 * The documents feature's access to the backend. Also used by the customer view through
 * CustomerDocumentsPanel.vue (documents of one customer).
 */
export const useDocumentsStore = defineStore('documents', () => {
  const api = useApi()
  const trust = ref<TrustState | null>(null)
  /** Bumped after every change so open lists reload. */
  const revision = ref(0)

  async function loadTrust(): Promise<TrustState> {
    trust.value = await api.call('document.trust', {})
    return trust.value
  }
  async function setTrustTestPki(on: boolean): Promise<TrustState> {
    trust.value = await api.call('document.setTrustTestPki', { trustTestPki: on })
    revision.value++
    return trust.value
  }
  async function list(filter: { customerId?: string; pending?: boolean }): Promise<DocumentSummary[]> {
    return (await api.call('document.list', filter)).items
  }
  const get = (id: string): Promise<DocumentDetail> => api.call('document.get', { id })

  /** Too large is refused here, before reading the file; the backend refuses it again anyway. */
  async function add(customerId: string, file: File): Promise<DocumentDetail> {
    if (file.size > MAX_DOCUMENT_UPLOAD_BYTES) throw tooLargeError()
    const contentBase64 = await toBase64(file)
    const out = await api.call('document.add', {
      customerId,
      fileName: file.name,
      contentBase64,
      ...(file.type ? { mediaType: file.type } : {}),
    })
    revision.value++
    return out
  }
  async function decide(
    id: string,
    decision: 'accepted' | 'rejected',
    reason: string,
  ): Promise<DocumentDetail> {
    const out = await api.call('document.decide', { id, decision, reason })
    revision.value++
    return out
  }
  async function revalidate(id: string): Promise<DocumentDetail> {
    const out = await api.call('document.revalidate', { id })
    revision.value++
    return out
  }
  async function revalidatePending(): Promise<{ checked: number; changed: number }> {
    const out = await api.call('document.revalidatePending', {})
    revision.value++
    return out
  }
  const file = (id: string, name?: string) => api.call('document.file', name ? { id, name } : { id })
  const audit = (id: string) => api.call('document.audit', { id })

  return {
    trust,
    revision,
    loadTrust,
    setTrustTestPki,
    list,
    get,
    add,
    decide,
    revalidate,
    revalidatePending,
    file,
    audit,
  }
})

/** The upload error the web host answers (413) or the schema gives: shown as "too large". */
export function isTooLarge(e: unknown): boolean {
  if (!(e instanceof ApiCallError) || e.code !== 'VALIDATION') return false
  return JSON.stringify(e.details ?? {}).includes('too-large')
}

/** Bytes for a blob: URL (preview) or a download. */
export function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return new Blob([bytes], { type })
}
