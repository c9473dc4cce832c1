/** Signed-document validation: the public surface for the rest of the backend and the CLI. */
export { validateDocument, sniffFormat, MAX_DOCUMENT_BYTES } from './validate'
export {
  trustStoreFor,
  buildTrustStore,
  loadTrustDir,
  loadAnchorDir,
  type LoadedTrust,
  type ListStatus,
} from './tsl/store'
export { loadTrustCached, type CachedLoad } from './tsl/cache'
export { loadWorkstationTrust, installedListFiles } from './tsl/workstation'
export { importTrustedLists, planImport, type ImportResult, type ImportReport } from './tsl/import'
export { serviceStateAt, grantedAsAt, type ServiceState } from './tsl/history'
export { MemoryTrustStore, type TrustStore, type ValidationOptions } from './pki/trust'
export { extractContainerFile } from './xml/asic'
