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
export { MemoryTrustStore, type TrustStore, type ValidationOptions } from './pki/trust'
export { extractContainerFile } from './xml/asic'
