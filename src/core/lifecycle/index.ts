export * from './problems'
export * from './register-chain'
export * from './meter-exchange'
export * from './occupant-change'
