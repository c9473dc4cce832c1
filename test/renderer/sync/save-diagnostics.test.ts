import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

let desk: DeskOnBackend | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  await desk?.cleanup()
  desk = undefined
})

describe('the Sync section saves diagnostics for IT support', () => {
  it.each([
    ['lv', 'liga'],
    ['ru', 'olga'],
  ] as const)('downloads the JSON the backend made and says so (%s)', async (language, agent) => {
    desk = await mountOnBackend({ signInAs: agent, language, path: '/sync' })
    await desk.settle()
    const saved: { download: string; href: string }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ download: this.download, href: this.href })
    })
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob)
      return 'blob:diagnostics'
    })
    const button = desk.wrapper
      .findAll('button')
      .find((b) => b.text() === (language === 'lv' ? 'Saglabāt diagnostiku' : 'Сохранить диагностику'))
    expect(button).toBeDefined()
    await button!.trigger('click')
    await desk.settle()
    expect(desk.api.calls.map((c) => c.method)).toContain('sync.diagnostics')
    expect(saved).toEqual([
      { download: 'gasdesk-diagnostics-20261127-090000.json', href: 'blob:diagnostics' },
    ])
    const json = JSON.parse(await blobs[0].text())
    expect(json.database.schemaVersion).toBeGreaterThanOrEqual(11)
    expect(json.counts.customers).toBeGreaterThan(0)
    const status = document.querySelector('.notice-ok[role="status"]')?.textContent ?? ''
    expect(status).toContain('gasdesk-diagnostics-20261127-090000.json')
    expect(status).toMatch(language === 'lv' ? /saglabāta/ : /сохранена/)
  })
})
