import { createHash, randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrolResponseSchema, MAX_BLOB_BYTES, referenceListSchema } from '../../src/contract/sync'
import { createEnrolCode, revokeWorkstation } from '../../src/central/admin/accounts'
import { engines } from './support/engines'
import { call, Desk, listen, world, type Running, type World } from './support/harness'

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe.each(engines)(
  'blobs on %s (tus core: HEAD/PATCH with offsets, hash checked, Range downloads)',
  (engine) => {
    let w: World
    let central: Running
    let d: Desk
    const patch = (hash: string, offset: number, body: Buffer, length?: number) =>
      fetch(`${central.url}/sync/v1/blobs/${hash}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${d.token}`,
          'content-type': 'application/offset+octet-stream',
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          ...(length !== undefined ? { 'upload-length': String(length) } : {}),
        },
        body,
      })
    const head = (hash: string) =>
      fetch(`${central.url}/sync/v1/blobs/${hash}`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${d.token}` },
      })

    beforeAll(async () => {
      w = await world(engine, 2)
      central = await listen(w.sql, `${w.db.dataDir}/blobs`, { now: w.clock.now })
      d = await Desk.enrol(w.sql, central.url, 'C1', 'B1', w.agents.get('liga')!, w.clock)
    })
    afterAll(async () => {
      await central?.stop()
      await w?.close()
    })

    it('uploads in parts at the stored offset, refuses a wrong offset with the right one, and completes on the hash', async () => {
      const bytes = randomBytes(3 * 1024 * 1024 + 17)
      const h = sha(bytes)
      expect((await head(h)).status).toBe(404)
      const first = await patch(h, 0, bytes.subarray(0, 1_500_000), bytes.length)
      expect(first.status).toBe(204)
      expect(first.headers.get('upload-offset')).toBe('1500000')
      const wrong = await patch(h, 1000, bytes.subarray(1000))
      expect(wrong.status).toBe(409)
      expect(await wrong.json()).toMatchObject({ code: 'upload-offset', details: { offset: 1_500_000 } })
      const state = await head(h)
      expect([state.headers.get('upload-offset'), state.headers.get('upload-length')]).toEqual([
        '1500000',
        String(bytes.length),
      ])
      const rest = await patch(h, 1_500_000, bytes.subarray(1_500_000))
      expect(rest.headers.get('gasdesk-blob-complete')).toBe('true')
      const got = Buffer.from(
        await (
          await fetch(`${central.url}/sync/v1/blobs/${h}`, {
            headers: { authorization: `Bearer ${d.token}` },
          })
        ).arrayBuffer(),
      )
      expect(got.equals(bytes)).toBe(true)
      const ranged = await fetch(`${central.url}/sync/v1/blobs/${h}`, {
        headers: { authorization: `Bearer ${d.token}`, range: 'bytes=100-199' },
      })
      expect(ranged.status).toBe(206)
      expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`)
      expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true)
      const tail = await fetch(`${central.url}/sync/v1/blobs/${h}`, {
        headers: { authorization: `Bearer ${d.token}`, range: `bytes=${bytes.length + 5}-` },
      })
      expect(tail.status).toBe(416)
    })

    it('keeps the bytes of an interrupted upload: HEAD tells where to resume', async () => {
      const bytes = randomBytes(2 * 1024 * 1024)
      const h = sha(bytes)
      const u = new URL(`${central.url}/sync/v1/blobs/${h}`)
      await new Promise<void>((resolve) => {
        const req = request({
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${d.token}`,
            'content-type': 'application/offset+octet-stream',
            'upload-offset': '0',
            'upload-length': String(bytes.length),
            'content-length': String(bytes.length),
          },
        })
        req.on('error', () => resolve())
        req.on('close', () => resolve())
        req.write(bytes.subarray(0, 1_200_000), () => setTimeout(() => req.destroy(), 300))
      })
      await expect
        .poll(async () => Number((await head(h)).headers.get('upload-offset')), { timeout: 10_000 })
        .toBeGreaterThan(0)
      const offset = Number((await head(h)).headers.get('upload-offset'))
      expect(offset).toBeLessThanOrEqual(1_200_000)
      const done = await patch(h, offset, bytes.subarray(offset))
      expect(done.headers.get('gasdesk-blob-complete')).toBe('true')
    })

    it('discards bytes that do not hash to the name (460) and refuses a blob over 64 MiB (413)', async () => {
      const bytes = randomBytes(1000)
      const wrongName = sha(Buffer.from('something else'))
      const r = await patch(wrongName, 0, bytes, bytes.length)
      expect(r.status).toBe(460)
      expect((await head(wrongName)).status).toBe(404)
      const big = await patch(sha(Buffer.from('big')), 0, Buffer.from('x'), MAX_BLOB_BYTES + 1)
      expect(big.status).toBe(413)
    })
  },
)

describe.each(engines)('enrolment and tokens on %s', (engine) => {
  let w: World
  let central: Running

  beforeAll(async () => {
    w = await world(engine, 2)
    central = await listen(w.sql, `${w.db.dataDir}/blobs`, { now: w.clock.now })
  })
  afterAll(async () => {
    await central?.stop()
    await w?.close()
  })

  const enrol = (code: string) =>
    call(central.url, '/sync/v1/enrol', {
      method: 'POST',
      body: JSON.stringify({ code, hostName: 'desk-1' }),
    })
  const refresh = (refreshToken: string) =>
    call(central.url, '/sync/v1/token', { method: 'POST', body: JSON.stringify({ refreshToken }) })
  const reference = (token: string) => call(central.url, '/sync/v1/reference', { token })

  it('enrols once with a one-time code (typed in any case, without dashes) and refuses it the second time', async () => {
    const { code } = await createEnrolCode(w.sql, 'C1', 'E1', w.clock.ms)
    const r = await enrol(code.replaceAll('-', '').toLowerCase())
    expect(r.status).toBe(200)
    expect(enrolResponseSchema.parse(r.body)).toMatchObject({ centreId: 'C1', workstationName: 'E1' })
    expect((await enrol(code)).status).toBe(401)
    expect((await enrol('AAAA-BBBB-CCCC')).body).toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'invalid' },
    })
  })

  it('issues 15-minute access tokens and one-time refresh tokens; a reused refresh token retires them all', async () => {
    const { code } = await createEnrolCode(w.sql, 'C1', 'E2', w.clock.ms)
    const e = (await enrol(code)).body
    expect(Date.parse(e.accessExpiresAt) - w.clock.ms).toBe(15 * 60_000)
    expect((await reference(e.accessToken)).status).toBe(200)
    w.clock.ms += 15 * 60_000 + 1000
    try {
      expect((await reference(e.accessToken)).body).toMatchObject({
        code: 'unauthenticated',
        details: { reason: 'expired' },
      })
      const next = await refresh(e.refreshToken)
      expect(next.status).toBe(200)
      expect((await reference(next.body.accessToken)).status).toBe(200)
      // The old refresh token again: treated as stolen, every refresh token of the workstation is retired.
      expect((await refresh(e.refreshToken)).body).toMatchObject({ details: { reason: 'revoked' } })
      expect((await refresh(next.body.refreshToken)).status).toBe(401)
    } finally {
      w.clock.ms -= 15 * 60_000 + 1000
    }
  })

  it('stops a revoked workstation at once, and refuses missing or forged tokens', async () => {
    const d = await Desk.enrol(w.sql, central.url, 'C2', 'E3', w.agents.get('liga')!, w.clock)
    expect((await reference(d.token)).status).toBe(200)
    await revokeWorkstation(w.sql, d.workstationId)
    expect((await reference(d.token)).body).toMatchObject({ details: { reason: 'revoked' } })
    expect((await call(central.url, '/sync/v1/reference')).body).toMatchObject({
      details: { reason: 'missing' },
    })
    const forged = d.token.slice(0, -3) + 'AAA'
    expect((await reference(forged)).status).toBe(401)
  })

  it('publishes the reference datasets by content hash; each is fetched whole', async () => {
    const d = await Desk.enrol(w.sql, central.url, 'C1', 'E4', w.agents.get('liga')!, w.clock)
    const list = referenceListSchema.parse((await reference(d.token)).body)
    expect(list.datasets.map((x) => x.name)).toEqual(['calendar', 'calorific', 'tariffs'])
    const tariffs = await call(central.url, '/sync/v1/reference/tariffs', { token: d.token })
    expect(tariffs.body.hash).toBe(list.datasets.find((x) => x.name === 'tariffs')!.hash)
    expect(tariffs.body.body.periods.map((p: any) => p.from)).toContain('2026-01-01')
    expect((await call(central.url, '/sync/v1/reference/nope', { token: d.token })).status).toBe(404)
  })
})
