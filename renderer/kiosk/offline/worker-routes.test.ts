import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workerRouteOf } from './worker-routes';

const ORIGIN = 'https://192.168.1.10:8443';
const get = (path: string, mode = 'cors') => ({ url: `${ORIGIN}${path}`, method: 'GET', mode });

describe('what the kiosk service worker does with a request (issue 8 §2)', () => {
  it('a navigation inside the kiosk gets the precached page, whatever the path', () => {
    for (const path of ['/kiosk/', '/kiosk/index.html', '/kiosk/session/3', '/kiosk/?x=1']) expect(workerRouteOf(get(path, 'navigate'), ORIGIN), path).toBe('page');
  });

  it('the app’s own files may come from the precache', () => {
    expect(workerRouteOf(get('/kiosk/assets/index-abc.js', 'cors'), ORIGIN)).toBe('app');
    expect(workerRouteOf(get('/kiosk/assets/index-abc.css', 'no-cors'), ORIGIN)).toBe('app');
  });

  it('the API is never cached: answers, tokens, personal data', () => {
    for (const path of ['/api/kiosk/state', '/api/kiosk/test/assets/a1', '/api/health', '/api/kiosk/live']) {
      expect(workerRouteOf(get(path), ORIGIN), path).toBe('network');
      expect(workerRouteOf(get(path, 'navigate'), ORIGIN), path).toBe('network');
    }
  });

  it('other methods, other origins, other screens, a file opened by navigation: the network', () => {
    expect(workerRouteOf({ url: `${ORIGIN}/kiosk/`, method: 'POST', mode: 'navigate' }, ORIGIN)).toBe('network');
    expect(workerRouteOf(get('/console/', 'navigate'), ORIGIN)).toBe('network');
    expect(workerRouteOf({ url: 'https://example.org/kiosk/', method: 'GET', mode: 'navigate' }, ORIGIN)).toBe('network');
    expect(workerRouteOf({ url: 'https://192.168.1.10:9999/kiosk/', method: 'GET', mode: 'navigate' }, ORIGIN)).toBe('network');
    expect(workerRouteOf(get('/kiosk/assets/notice.pdf', 'navigate'), ORIGIN)).toBe('network');
    expect(workerRouteOf({ url: 'pas une adresse', method: 'GET', mode: 'navigate' }, ORIGIN)).toBe('network');
    // A path that only starts like the scope.
    expect(workerRouteOf(get('/kiosks/', 'navigate'), ORIGIN)).toBe('network');
  });

  it('property: nothing under /api/ and nothing but GET is ever routed to a cache', () => {
    fc.assert(fc.property(
      fc.webPath(), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), fc.constantFrom('navigate', 'cors', 'no-cors', 'same-origin'),
      (path, method, mode) => {
        const route = workerRouteOf({ url: `${ORIGIN}/${path.replace(/^\//, '')}`, method, mode }, ORIGIN);
        const pathname = new URL(`${ORIGIN}/${path.replace(/^\//, '')}`).pathname;
        if (method !== 'GET' || !pathname.startsWith('/kiosk/')) expect(route).toBe('network');
      },
    ), { numRuns: 400 });
  });
});
