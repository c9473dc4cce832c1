import { CALORIFIC_DATASET_KIND, type CalorificDataset } from './calorific'

/**
 * Built-in calorific reference: only the fallback (DOMAIN.md). Published monthly values arrive with the
 * reference-data sync and are added per zone and month.
 */
export const DEFAULT_CALORIFIC: CalorificDataset = {
  kind: CALORIFIC_DATASET_KIND,
  version: '2025.1',
  effectiveFrom: '2018-01-01',
  fallbackKwhPerM3: 10.538,
  values: [],
  source: 'GasDesk built-in defaults (DOMAIN.md)',
}
