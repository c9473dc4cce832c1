import type { SeedStep } from './context'
import { agentsStep } from './steps/agents'
import { billingStep } from './steps/billing'
import { customersStep } from './steps/customers'
import { customerSearchStep } from './steps/customer-search'
import { interactionsStep } from './steps/interactions'
import { numberSeriesStep } from './steps/number-series'
import { portalStep } from './steps/portal'
import { premisesStep } from './steps/premises'
import { readingsStep } from './steps/readings'

/**
 * The generator, in order. A later area adds its step here (invoices after readings, messages,
 * documents, FAQ); each step reads what earlier steps wrote from the database and draws from its own
 * PRNG stream, so adding one leaves every other step's rows unchanged.
 */
export const seedSteps: readonly SeedStep[] = [
  agentsStep,
  customersStep,
  premisesStep,
  readingsStep,
  billingStep,
  portalStep,
  numberSeriesStep,
  interactionsStep,
  customerSearchStep,
]
