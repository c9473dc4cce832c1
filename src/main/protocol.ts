import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import type { Protocol } from 'electron'
import { RENDERER_CSP } from '../backend/host/csp'

/**
 * The renderer is served from a privileged custom scheme instead of file://, so the page gets a real
 * origin, a CSP response header and no file-system reach beyond out/renderer.
 */
export const APP_SCHEME = 'gasdesk'
export const APP_ORIGIN = `${APP_SCHEME}://app`
export const APP_ENTRY = `${APP_ORIGIN}/index.html`

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
}

/** Must run before app 'ready'. */
export function registerSchemePrivileges(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url))
}

/** The file for a gasdesk://app/... URL; SPA paths without an extension fall back to index.html. */
export async function rendererResponse(rendererDir: string, url: string): Promise<Response> {
  const headers = { 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff' }
  const parsed = new URL(url)
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return new Response('Bad request', { status: 400, headers })
  }
  const root = resolve(rendererDir)
  const file = resolve(root, '.' + (path === '/' ? '/index.html' : path))
  if (parsed.host !== 'app' || path.includes('\0') || !file.startsWith(root + sep)) {
    return new Response('Not found', { status: 404, headers })
  }
  const target = extname(file) ? file : resolve(root, 'index.html')
  try {
    const body = await readFile(target)
    const type = TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream'
    return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'content-type': type } })
  } catch {
    return new Response('Not found', { status: 404, headers })
  }
}
