import type { FastifyInstance } from 'fastify';

/**
 * Content-Security-Policy of the pages (console, kiosk): everything from the station itself, no inline
 * script or style, no plugin, no framing, no form posted elsewhere (kiosk-lockdown §2 "a strict CSP").
 */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
  "media-src 'self' blob:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
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

/** Security headers on every answer; `Cache-Control: no-store` on the API (answers hold personal data and tokens). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(COMMON_HEADERS);
    if (request.url.startsWith('/api/')) {
      reply.header('cache-control', 'no-store');
      reply.header('content-security-policy', API_CSP);
    } else {
      reply.header('content-security-policy', PAGE_CSP);
    }
    return payload;
  });
}
