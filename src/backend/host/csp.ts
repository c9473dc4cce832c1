import { randomBytes } from 'node:crypto'

/**
 * The renderer's Content-Security-Policy, sent by both shells (Electron's gasdesk:// protocol and the
 * browser shell's static files). blob: frames let the browser shell show a generated PDF.
 *
 * No 'unsafe-inline' for styles: the component library (PrimeVue 4 styled mode) injects its theme and
 * component CSS as <style> elements, and it puts the nonce from its `csp.nonce` option on each of them.
 * Every index.html response gets a fresh nonce: the build leaves CSP_NONCE_PLACEHOLDER in the page
 * (Vite's `html.cspNonce` adds `<meta property="csp-nonce" nonce="...">` and nonces on its own tags),
 * the shell swaps in the nonce and names it in style-src; the renderer reads it from the meta element
 * and hands it to PrimeVue (src/renderer/app.ts). Style attributes set from script through the CSSOM
 * (Vue's :style, PrimeVue's positioning) are not inline styles in CSP's sense and need nothing.
 */
export const CSP_NONCE_PLACEHOLDER = 'GASDESK_CSP_NONCE'

export function rendererCsp(nonce: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    nonce ? `style-src 'self' 'nonce-${nonce}'` : "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The policy for everything but the page itself (scripts, styles, images: a nonce means nothing there). */
export const RENDERER_CSP = rendererCsp(null)

/** 16 random bytes, base64: a new one for every page load. */
export const newCspNonce = (): string => randomBytes(16).toString('base64')

/** The page with its nonce filled in, and the policy that names it. */
export function noncedPage(html: string, nonce: string = newCspNonce()): { html: string; csp: string } {
  return { html: html.split(CSP_NONCE_PLACEHOLDER).join(nonce), csp: rendererCsp(nonce) }
}
