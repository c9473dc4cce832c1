/** The sync wire protocol between desks and the central (SYNC.md), versioned; see version.ts. */
export * from './version'
export * from './errors'
export * from './push'
export * from './pull'
export * from './blobs'
export * from './auth'
export * from './reference'
export * from './mutations'
