/**
 * The renderer's Content-Security-Policy, sent by both shells (Electron's app:// protocol and the browser
 * shell's static files). Inline styles are allowed because the component library sets style attributes at run time;
 * blob: frames let the browser shell show a generated PDF.
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
