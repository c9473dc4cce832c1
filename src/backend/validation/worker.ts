/**
 * A validation worker thread (see pool.ts): runs the one public validation entry point on jobs from
 * the pool, with the trust snapshot the main thread already verified.
 */
import { parentPort } from 'node:worker_threads'
import { MemoryTrustStore, validateDocument } from '../signatures'
import { asBuffer, transferable, type JobMessage, type ResultMessage } from './protocol'

let trust: { key: number; store: MemoryTrustStore } | null = null

parentPort?.on('message', (m: JobMessage) => {
  let out: ResultMessage
  try {
    if (m.trust) {
      const services = m.trust.services.map((s) => ({ ...s, certificates: s.certificates.map(asBuffer) }))
      trust = { key: m.trustKey, store: new MemoryTrustStore(services, m.trust.testAnchors.map(asBuffer)) }
    }
    if (!trust || trust.key !== m.trustKey) throw new Error(`trust snapshot ${m.trustKey} missing`)
    const report = validateDocument(asBuffer(m.bytes), m.fileName, {
      validationTime: new Date(m.validationTimeMs),
      trustStore: trust.store,
      ...(m.content ? { content: asBuffer(m.content) } : {}),
    })
    out = { id: m.id, report, bytes: m.bytes }
  } catch (e) {
    out = { id: m.id, error: e instanceof Error ? e.message : String(e), bytes: m.bytes }
  }
  parentPort?.postMessage(out, transferable(m.bytes))
})
parentPort?.postMessage({ ready: true })
