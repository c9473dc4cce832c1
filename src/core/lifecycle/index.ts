export * from './problems'
export * from './register-chain'
