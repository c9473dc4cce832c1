import type { Component } from 'vue'
import type { Role } from '../contract'
import HomeView from './features/home/HomeView.vue'
import CustomersView from './features/customers/CustomersView.vue'
import ReadingsView from './features/readings/ReadingsView.vue'
import InvoicesView from './features/billing/InvoicesView.vue'
import DocumentsView from './features/documents/DocumentsView.vue'
import MessagesView from './features/messages/MessagesView.vue'
import FaqView from './features/faq/FaqView.vue'
import SyncView from './features/sync/SyncView.vue'
import AuditView from './features/audit/AuditView.vue'
import SettingsView from './features/settings/SettingsView.vue'

export interface Section {
  /** Route name and the locale key under `sections.<id>`. */
  id: string
  path: string
  component: Component
  roles: readonly Role[]
  /** Alt+<digit> opens the section; fixed per section so it does not move between roles. */
  digit: string
  /** Shown as a large tile on the home page (the most used sections). */
  tile?: boolean
}

const everyone: readonly Role[] = ['agent', 'supervisor']
const supervisor: readonly Role[] = ['supervisor']

/** The one list of sections: the route table, the menu and the shortcuts are all derived from it. */
export const sections: readonly Section[] = [
  { id: 'home', path: '/', component: HomeView, roles: everyone, digit: '0' },
  { id: 'customers', path: '/customers', component: CustomersView, roles: everyone, digit: '1', tile: true },
  { id: 'readings', path: '/readings', component: ReadingsView, roles: everyone, digit: '2', tile: true },
  { id: 'invoices', path: '/invoices', component: InvoicesView, roles: everyone, digit: '3', tile: true },
  { id: 'documents', path: '/documents', component: DocumentsView, roles: everyone, digit: '4', tile: true },
  { id: 'messages', path: '/messages', component: MessagesView, roles: everyone, digit: '5', tile: true },
  { id: 'faq', path: '/faq', component: FaqView, roles: everyone, digit: '6' },
  { id: 'sync', path: '/sync', component: SyncView, roles: everyone, digit: '7', tile: true },
  { id: 'audit', path: '/audit', component: AuditView, roles: supervisor, digit: '8' },
  { id: 'settings', path: '/settings', component: SettingsView, roles: supervisor, digit: '9' },
]

export function sectionsFor(role: Role | null | undefined): Section[] {
  return role ? sections.filter((s) => s.roles.includes(role)) : []
}

export function sectionById(id: unknown): Section | undefined {
  return sections.find((s) => s.id === id)
}
