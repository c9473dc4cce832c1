/**
 * Versions and limits of the sync wire protocol (SYNC.md, issue 9 §3). The desk and the central import
 * these constants; a change to the wire shape bumps SYNC_PROTOCOL_VERSION.
 */
export const SYNC_PROTOCOL_VERSION = 1
/** The oldest protocol version the central still answers; older desks get 426 upgrade-required. */
export const MIN_SYNC_PROTOCOL_VERSION = 1

export const MAX_PUSH_MUTATIONS = 500
export const MAX_PUSH_BYTES = 1024 * 1024
export const MAX_PULL_LIMIT = 5000
export const DEFAULT_PULL_LIMIT = 1000
/** Long-poll ceiling in seconds (`wait`). */
export const MAX_PULL_WAIT_S = 25

/** Blobs: the server writes and fsyncs in chunks of this size; a blob may not exceed the cap. */
export const BLOB_CHUNK_BYTES = 1024 * 1024
export const MAX_BLOB_BYTES = 64 * 1024 * 1024

export const ACCESS_TOKEN_TTL_S = 15 * 60
export const REFRESH_TOKEN_TTL_S = 90 * 24 * 3600
export const ENROL_CODE_TTL_S = 7 * 24 * 3600

/** Past this difference between the desk's and the central's clocks, time-dependent outcomes go to a person. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000
/** Tombstones are kept this long; a desk whose cursor is older than the purge watermark gets 410. */
export const TOMBSTONE_RETENTION_DAYS = 180
