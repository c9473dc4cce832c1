import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createBackend, type Backend } from '../../src/backend'
import { manualClock } from '../../src/backend/clock'
import type { Language } from '../../src/contract'
import App from '../../src/renderer/App.vue'
import { installGasDesk, type GasDeskParts } from '../../src/renderer/app'
import { realApi, type RealApi } from '../helpers/real-api'
import { copyOfTemplate, type TemplateOptions } from '../helpers/seeded'
import { tempDir } from '../helpers/tmp'

export interface DeskOnBackend extends GasDeskParts {
  wrapper: VueWrapper
  backend: Backend
  api: RealApi
  clock: ReturnType<typeof manualClock>
  /** Waits for every backend call in flight and the DOM updates after it. */
  settle(): Promise<void>
  /** Unmounts, closes the backend and removes the database. */
  cleanup(): Promise<void>
}

/** The default demo data for renderer tests: a small seed with the whole history, shared between files. */
export const SMALL_DEMO: TemplateOptions = { customers: 30, seed: 'renderer-tests', today: '2026-11-26' }

/**
 * The whole renderer mounted on the real backend (a private copy of a seeded SQLite file, the real dispatch,
 * demo agents), attached to the document so focus and teleports work. Optionally signs in.
 */
export async function mountOnBackend(
  options: {
    seed?: TemplateOptions | null
    now?: number
    language?: Language
    path?: string
    signInAs?: 'liga' | 'olga' | 'janis'
  } = {},
): Promise<DeskOnBackend> {
  const tmp = tempDir('gasdesk-renderer-')
  const dbFile = tmp.file('desk.sqlite')
  if (options.seed !== null) await copyOfTemplate(options.seed ?? SMALL_DEMO, dbFile)
  const clock = manualClock(options.now ?? Date.parse('2026-11-27T09:00:00Z'))
  const backend = await createBackend({ dbFile, shell: 'test', clock, demoAgents: true })
  const api = realApi(backend)
  let parts: GasDeskParts | undefined
  const wrapper = mount(App, {
    attachTo: document.body,
    global: {
      plugins: [
        {
          install(app) {
            parts = installGasDesk(app, {
              client: api,
              history: createMemoryHistory(),
              language: options.language ?? 'lv',
            })
          },
        },
      ],
    },
  })
  await parts!.router.push(options.path ?? '/')
  await parts!.router.isReady()
  await flushPromises()
  if (options.signInAs) {
    await wrapper.find('#sign-in-username').setValue(options.signInAs)
    await wrapper.find('#sign-in-password').setValue(`${options.signInAs}-demo`)
    await wrapper.find('form').trigger('submit')
    await settle(api)
  }
  return {
    wrapper,
    backend,
    api,
    clock,
    ...parts!,
    settle: () => settle(api),
    async cleanup() {
      await settle(api)
      wrapper.unmount()
      document.body.innerHTML = ''
      backend.close()
      tmp.cleanup()
    },
  }
}

/** Waits until no backend call is in flight and the DOM has caught up (calls may start further calls). */
export async function settle(api: RealApi): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    await api.idle()
    await flushPromises()
    if ((await idleNow(api)) && i >= 2) return
  }
}

async function idleNow(api: RealApi): Promise<boolean> {
  let done = false
  void api.idle().then(() => (done = true))
  await Promise.resolve()
  await Promise.resolve()
  return done
}
