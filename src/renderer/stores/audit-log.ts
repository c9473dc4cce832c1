import { defineStore } from 'pinia'
import { reactive, ref, shallowRef } from 'vue'
import type { AuditCursor, AuditFilters, AuditLogEntry, MethodOutput } from '../../contract'
import { useApi } from '../api'
import { saveDownload } from '../download'

export const AUDIT_PAGE = 50

type Options = MethodOutput<'audit.options'>
/** The filters as the form holds them: a cleared choice is null ("all"). */
export type AuditFilterForm = { [K in keyof AuditFilters]?: AuditFilters[K] | null }

/**
 * The supervisor's audit log: filters, keyset pages over the whole log (a stack of page starts, so
 * "newer" goes back exactly), and the CSV export. Answers for filters the screen no longer shows are
 * dropped.
 */
export const useAuditLogStore = defineStore('auditLog', () => {
  const api = useApi()
  const filters = reactive<AuditFilterForm>({})
  const entries = shallowRef<AuditLogEntry[]>([])
  /** Where each page shown so far starts; the last is the current page. */
  const starts = ref<(AuditCursor | null)[]>([null])
  const next = ref<AuditCursor | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  const options = shallowRef<Options | null>(null)
  const shell = ref<'electron' | 'browser' | 'test' | null>(null)
  let ticket = 0

  async function loadOptions(): Promise<void> {
    try {
      ;[options.value, shell.value] = await Promise.all([
        api.call('audit.options', {}),
        api.call('app.info', {}).then((i) => i.shell),
      ])
    } catch (e) {
      error.value = e
    }
  }

  /** Only the filters that are set, as the contract takes them. */
  const current = (): AuditFilters =>
    Object.fromEntries(
      Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== ''),
    ) as AuditFilters

  async function load(after: AuditCursor | null): Promise<void> {
    const mine = ++ticket
    loading.value = true
    try {
      const page = await api.call('audit.list', { filters: current(), after, limit: AUDIT_PAGE })
      if (mine !== ticket) return
      entries.value = page.entries
      next.value = page.next
      error.value = null
    } catch (e) {
      if (mine === ticket) error.value = e
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  /** The newest page for the current filters. */
  function apply(): Promise<void> {
    starts.value = [null]
    return load(null)
  }
  function older(): Promise<void> {
    if (!next.value) return Promise.resolve()
    starts.value = [...starts.value, next.value]
    return load(next.value)
  }
  function newer(): Promise<void> {
    if (starts.value.length < 2) return Promise.resolve()
    starts.value = starts.value.slice(0, -1)
    return load(starts.value[starts.value.length - 1])
  }
  function clear(): Promise<void> {
    for (const k of Object.keys(filters) as (keyof AuditFilterForm)[]) delete filters[k]
    return apply()
  }

  /**
   * The filtered log as CSV: Electron asks where to save and the backend writes the file; the browser
   * shell fetches it in slices and downloads one file. Either way the export is recorded in the log.
   */
  async function exportCsv(): Promise<{ file: string | null; rows: number }> {
    if (shell.value === 'electron') return api.call('audit.saveAs', { filters: current() })
    const filters = current()
    // The first slice carries the header, the file name and the row count (and records the export).
    const first = await api.call('audit.export', { filters, after: null })
    const parts: string[] = [first.csv]
    let after = first.next
    while (after) {
      const slice: MethodOutput<'audit.export'> = await api.call('audit.export', { filters, after })
      parts.push(slice.csv)
      after = slice.next
    }
    const { filename, rows } = first
    saveDownload(new Blob(parts, { type: 'text/csv;charset=utf-8' }), filename)
    return { file: filename, rows }
  }

  return {
    filters,
    entries,
    starts,
    next,
    loading,
    error,
    options,
    loadOptions,
    apply,
    older,
    newer,
    clear,
    exportCsv,
  }
})
