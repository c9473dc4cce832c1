export * from './rows'
export * from './rights'
export * from './decide'
export * from './store'
