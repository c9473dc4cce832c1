import { createApp, type App as VueApp } from 'vue'
import { createPinia, type Pinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import type { Router, RouterHistory } from 'vue-router'
import type { ApiClient, Language } from '../contract'
import { provideApi } from './api'
import App from './App.vue'
import { createGasDeskI18n, i18nKey, type GasDeskI18n } from './i18n'
import { createGasDeskRouter } from './router'
import { guardSession } from './session-guard'
import { storedLanguage } from './stores/language'
import { useSessionStore } from './stores/session'
import { useErrorLogStore } from './stores/error-log'
import { GasDeskPreset } from './theme'

export interface GasDeskAppOptions {
  client: ApiClient
  /** Tests pass a memory history; the shells use hash history. */
  history?: RouterHistory
  language?: Language
}

export interface GasDeskParts {
  router: Router
  pinia: Pinia
  i18n: GasDeskI18n
}

/** The nonce the shell put into this page load; browsers expose it only as the element's `nonce` property. */
function styleNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined
  return document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined
}

/** Installs stores, i18n, PrimeVue, the router and the API client into `app` (tests mount App this way). */
export function installGasDesk(app: VueApp, options: GasDeskAppOptions): GasDeskParts {
  const pinia = createPinia()
  const i18n = createGasDeskI18n(options.language ?? storedLanguage() ?? 'lv')
  // The store needs the client and the client's guard needs the store: tie the knot through a holder.
  const holder: { session?: ReturnType<typeof useSessionStore> } = {}
  const client = guardSession(options.client, () => ({
    locked: () => holder.session?.markLocked(),
    ended: () => holder.session?.markEnded(),
  }))
  provideApi(app, client)
  app.use(pinia)
  app.use(i18n)
  app.provide(i18nKey, i18n)
  app.use(PrimeVue, {
    theme: { preset: GasDeskPreset, options: { darkModeSelector: false } },
    // The page's style nonce (see src/backend/host/csp.ts): PrimeVue puts it on every <style> it adds.
    csp: { nonce: styleNonce() },
  })
  app.use(ToastService)
  const router = createGasDeskRouter(() => holder.session?.role ?? null, options.history)
  app.use(router)
  holder.session = app.runWithContext(() => useSessionStore(pinia))
  // Failures outside a section's boundary (header, menu, status bar) are logged, never rethrown.
  const errorLog = app.runWithContext(() => useErrorLogStore(pinia))
  app.config.errorHandler = (error, _instance, info) => void errorLog.report('shell', error, info)
  return { router, pinia, i18n }
}

/** Builds the whole renderer around an API client; main.ts mounts it. */
export function createGasDeskApp(options: GasDeskAppOptions): GasDeskParts & { app: VueApp } {
  const app = createApp(App)
  return { app, ...installGasDesk(app, options) }
}
