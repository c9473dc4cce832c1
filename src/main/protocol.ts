import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import type { Protocol } from 'electron'
import { noncedPage, RENDERER_CSP } from '../backend/host/csp'

/**
 * The renderer is served from a privileged custom scheme instead of file://, so the page gets a real
 * origin, a CSP response header and no file-system reach beyond out/renderer.
 */
export const APP_SCHEME = 'gasdesk'
export const APP_ORIGIN = `${APP_SCHEME}://app`
export const APP_ENTRY = `${APP_ORIGIN}/index.html`
/** PDFs handed to the print window: gasdesk://print/<random id>/<title>.pdf, from memory, never a file. */
export const PRINT_ORIGIN = `${APP_SCHEME}://print`

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

/**
 * The documents the print window may load. Each is reachable only under its unguessable id and only
 * until the print job is handed over (release); the renderer's origin (gasdesk://app) is another
 * origin, so its connect-src 'self' cannot fetch them either.
 */
export class PrintDocuments {
  private docs = new Map<string, Uint8Array>()

  add(pdf: Uint8Array, title: string): { url: string; release(): void } {
    const id = randomBytes(16).toString('hex')
    this.docs.set(id, pdf)
    const name = title.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 80) || 'document'
    return {
      url: `${PRINT_ORIGIN}/${id}/${encodeURIComponent(name)}.pdf`,
      release: () => this.docs.delete(id),
    }
  }

  response(url: string): Response {
    const id = /^\/([0-9a-f]{32})\/[^/]+\.pdf$/.exec(new URL(url).pathname)?.[1]
    const pdf = id ? this.docs.get(id) : undefined
    if (!pdf)
      return new Response('Not found', { status: 404, headers: { 'x-content-type-options': 'nosniff' } })
    // No CSP here: Chromium shows a PDF in a generated page with an <embed>, which object-src 'none' would block.
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    })
  }
}

export const printDocuments = new PrintDocuments()

export function serveRenderer(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  prints: PrintDocuments = printDocuments,
): void {
  protocol.handle(APP_SCHEME, (request) =>
    new URL(request.url).host === 'print'
      ? prints.response(request.url)
      : rendererResponse(rendererDir, request.url),
  )
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
    if (extname(target).toLowerCase() === '.html') {
      const page = noncedPage(body.toString('utf8'))
      return new Response(page.html, {
        status: 200,
        headers: {
          ...headers,
          'content-security-policy': page.csp,
          'content-type': type,
          'cache-control': 'no-store',
        },
      })
    }
    return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'content-type': type } })
  } catch {
    return new Response('Not found', { status: 404, headers })
  }
}
