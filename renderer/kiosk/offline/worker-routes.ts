/**
 * Issue 8 §2 — what the kiosk's service worker does with each request, pure (tested without a worker).
 * The app itself (page, JS, CSS, icon) is precached by revision, so that a reload or a browser restart
 * during a station outage shows the kiosk again; nothing else is ever kept by the worker. The API is never
 * cached: its answers hold the pupil's answers, tokens and personal data (`Cache-Control: no-store`), and the
 * test and its assets are kept by the flow in IndexedDB, where they are cleared with the session.
 */

/** The kiosk's scope and its page, as the station serves them (electron/centre/screens/screens-plugin.ts). */
export const KIOSK_SCOPE = '/kiosk/';
export const KIOSK_PAGE = '/kiosk/index.html';
export const KIOSK_WORKER = '/kiosk/service-worker.js';
/** The precache's name prefix (workbox's `cacheNames.prefix`): one name per screen. */
export const KIOSK_CACHE_PREFIX = 'passation-kiosk';

export type WorkerRoute =
  /** A navigation inside the kiosk (`/kiosk/`, `/kiosk/anything-without-extension`): the precached page. */
  | 'page'
  /** A file of the app: from the precache when listed there (hashed names: the revision is in the name). */
  | 'app'
  /** Left to the network, never cached: the API, other origins, other methods, other paths. */
  | 'network';

export interface RequestFacts { url: string; method: string; mode: string }

/** Where a request goes; `origin` is the worker's own (the station's). */
export function workerRouteOf(request: RequestFacts, origin: string): WorkerRoute {
  if (request.method !== 'GET') return 'network';
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'network';
  }
  if (url.origin !== origin) return 'network';
  if (!url.pathname.startsWith(KIOSK_SCOPE)) return 'network'; // `/api/…` above all
  const last = url.pathname.slice(KIOSK_SCOPE.length).split('/').pop() ?? '';
  if (request.mode === 'navigate') return last.includes('.') && !last.endsWith('.html') ? 'network' : 'page';
  return 'app';
}

/** The files of the build that go into the precache (globs for workbox, relative to `dist/kiosk/`). */
export const PRECACHED_FILES = ['index.html', 'assets/*.{js,css,svg,png,woff2}'];
