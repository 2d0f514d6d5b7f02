import type { FastifyInstance } from 'fastify';

/**
 * Content-Security-Policy of the pages: everything from the station itself, no inline script or style, no eval,
 * no plugin, no framing of the page, no form posted elsewhere (kiosk-lockdown §2 "a strict CSP").
 * `connect-src 'self'` and not `'self' wss:`: CSP 3's `'self'` already covers the station's own host over
 * `wss:`, while a bare `wss:` would let a page open a socket to any host.
 */
const COMMON_PAGE_DIRECTIVES = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "font-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
];

/** The console and any other page of the station. */
export const PAGE_CSP = [
  ...COMMON_PAGE_DIRECTIVES, "img-src 'self' data: blob:", "media-src 'self' blob:", "form-action 'self'",
].join('; ');

/**
 * Issue 8 §5 — the pupil's kiosk (`/kiosk/…`). Illustrations are fetched from the station with the entry header
 * and shown as `blob:` URLs made by the page itself (no `data:`); media likewise from the station only; a
 * challenge's embed is an https iframe (sandboxed by the challenge screen); the offline service worker comes
 * from the station (`worker-src 'self'`); no form is ever submitted (every form is handled by the page).
 */
export const KIOSK_CSP = [
  ...COMMON_PAGE_DIRECTIVES, "img-src 'self' blob:", "media-src 'self' blob:", 'frame-src https:', "worker-src 'self'",
  "manifest-src 'self'", "form-action 'none'",
].join('; ');

/** API answers are data, never rendered. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=(), payment=()',
};

/** The CSP of an answer, by its URL: the API, the kiosk's pages and worker, or any other page. */
export function cspFor(url: string): string {
  if (url.startsWith('/api/')) return API_CSP;
  if (url === '/kiosk' || url.startsWith('/kiosk/') || url.startsWith('/kiosk?')) return KIOSK_CSP;
  return PAGE_CSP;
}

/** Security headers on every answer; `Cache-Control: no-store` on the API (answers hold personal data and tokens). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(COMMON_HEADERS);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    reply.header('content-security-policy', cspFor(request.url));
    return payload;
  });
}
