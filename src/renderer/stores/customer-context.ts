import { ref } from 'vue'
import { defineStore } from 'pinia'

/** The customer being served, shown in the header on every screen. Filled by the customers feature. */
export interface CustomerContext {
  /** The customer's id when opened from the customers feature (other sections may act on it). */
  id?: string
  name: string
  /** Labelled identifiers already formatted for display (masked personal code, subscriber number, ...). */
  identifiers: { labelKey: string; value: string }[]
}

export const useCustomerContextStore = defineStore('customerContext', () => {
  const customer = ref<CustomerContext | null>(null)
  function open(next: CustomerContext): void {
    customer.value = next
  }
  function close(): void {
    customer.value = null
  }
  return { customer, open, close }
})
