import { createReadStream, readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'
import { noncedPage, RENDERER_CSP } from '../backend/host/csp'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

export const contentTypeFor = (file: string): string =>
  CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'

export const STATIC_HEADERS: Record<string, string> = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/**
 * Maps a URL path to a file inside `root`, or null when it would leave it. Decoding happens once, here,
 * so `%2e%2e/` and `..%2f` are judged after decoding like the file system would see them.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const base = resolve(root)
  const file = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded))
  if (file !== base && !file.startsWith(base + sep)) return null
  return file
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...STATIC_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(text)
}

/** Serves the built renderer: files as they are, unknown extension-less paths fall back to index.html (SPA routes). */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD')
    return plain(res, 405, 'Method not allowed')
  }
  const file = resolveStaticPath(root, pathname)
  if (!file) return plain(res, 404, 'Not found')
  let target = file
  if (!isFile(target)) {
    // A missing asset (has an extension) is a real 404; anything else is a client-side route.
    if (extname(pathname) && pathname !== '/') return plain(res, 404, 'Not found')
    target = resolve(root, 'index.html')
    if (!isFile(target)) return plain(res, 503, 'The GasDesk renderer is not built. Run `npm run build`.')
  }
  if (extname(target).toLowerCase() === '.html') {
    // The page carries a fresh style nonce each time (see csp.ts), so it is never cached.
    const page = noncedPage(readFileSync(target, 'utf8'))
    res.writeHead(200, {
      ...STATIC_HEADERS,
      'content-security-policy': page.csp,
      'content-type': contentTypeFor(target),
      'content-length': Buffer.byteLength(page.html),
      'cache-control': 'no-store',
    })
    res.end(req.method === 'HEAD' ? undefined : page.html)
    return
  }
  const size = statSync(target).size
  res.writeHead(200, {
    ...STATIC_HEADERS,
    'content-type': contentTypeFor(target),
    'content-length': size,
    // index.html must be re-read after an update; hashed assets could be cached but are small and local.
    'cache-control': 'no-cache',
  })
  if (req.method === 'HEAD') return void res.end()
  createReadStream(target)
    .on('error', () => res.destroy())
    .pipe(res)
}
