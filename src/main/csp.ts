/**
 * The renderer's Content-Security-Policy; the browser shell sends the same (test/main pins that they
 * agree — the two shells may not import each other). Inline styles: the component library sets style
 * attributes at run time. blob: frames: generated PDFs.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
