import { FOLLOW_UP_DATASET_KIND, type FollowUpDataset } from './follow-ups'

/**
 * Built-in follow-up targets (the desk's service levels, not legal deadlines: every one is well inside
 * the time the law gives for an answer). Unverified defaults until the central system sends the retailer's.
 */
export const DEFAULT_FOLLOW_UPS: FollowUpDataset = {
  kind: FOLLOW_UP_DATASET_KIND,
  version: '2026.1-defaults',
  effectiveFrom: '2018-01-01',
  workingDaysByTopic: {
    reading: 1,
    invoice: 2,
    payment: 2,
    'payment-plan': 2,
    'move-in': 2,
    'move-out': 2,
    meter: 3,
    contract: 3,
    'billing-type': 3,
    'personal-data': 10,
    complaint: 5,
  },
  defaultWorkingDays: 2,
  maxWorkingDaysAhead: 60,
  source: 'GasDesk built-in defaults (unverified service levels)',
}
