import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import type { Language } from '../../src/contract'
import App from '../../src/renderer/App.vue'
import { installGasDesk, type GasDeskParts } from '../../src/renderer/app'
import { FakeApi } from './fake-api'

export interface Mounted extends GasDeskParts {
  wrapper: VueWrapper
  api: FakeApi
}

/** Mounts the whole renderer on a FakeApi, attached to the document so focus and teleports work. */
export async function mountApp(
  options: { api?: FakeApi; language?: Language; path?: string } = {},
): Promise<Mounted> {
  const api = options.api ?? new FakeApi()
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
  return { wrapper, api, ...parts! }
}

/** Fills the sign-in form and submits it with Enter, as an agent would. */
export async function signIn(m: Mounted, username: string, password: string): Promise<void> {
  await m.wrapper.find('#sign-in-username').setValue(username)
  const pw = m.wrapper.find('#sign-in-password')
  await pw.setValue(password)
  await m.wrapper.find('form').trigger('submit')
  await flushPromises()
}

export const text = (): string => document.body.textContent?.replace(/\s+/g, ' ') ?? ''
