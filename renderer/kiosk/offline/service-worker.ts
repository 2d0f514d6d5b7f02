/**
 * Issue 8 §2 — the kiosk's service worker (scope `/kiosk/`), built by vite-plugin-pwa (`injectManifest`) into
 * `dist/kiosk/service-worker.js` with the build's file list and revisions in `self.__WB_MANIFEST`.
 * - The app (page, JS, CSS, icon) is precached by workbox: a reload or a browser restart during a station
 *   outage shows the kiosk again (its banner then says the station does not answer).
 * - Every navigation inside the kiosk gets the precached page; the API and anything else go to the network
 *   untouched and are never cached (`worker-routes.ts`).
 * - A new version (the station serves this file `no-cache`, so each load checks it) installs its precache
 *   beside the old one, takes over at once (`skipWaiting`, `clientsClaim`: a kiosk tab never closes, so waiting
 *   would mean never) and removes the old caches. The page in use is never reloaded under the pupil: it goes
 *   on with the code it has, and the next load is the new version, page and files from the same build.
 * Typechecked alone with the WebWorker library (tsconfig.renderer-worker.json).
 */
import { clientsClaim, setCacheNameDetails } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { KIOSK_CACHE_PREFIX, KIOSK_PAGE, workerRouteOf } from './worker-routes';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

setCacheNameDetails({ prefix: KIOSK_CACHE_PREFIX });
self.addEventListener('install', () => { void self.skipWaiting(); });
clientsClaim();
cleanupOutdatedCaches();

// The app's files, by revision; `/kiosk/` is the precached `index.html` (workbox's directory index).
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
// Any other navigation inside the kiosk: the same page (the screens route inside themselves).
registerRoute(({ request, url }) => workerRouteOf({ url: url.href, method: request.method, mode: request.mode }, self.location.origin) === 'page',
  createHandlerBoundToURL(KIOSK_PAGE));
// Nothing else is routed: the API, other screens and other origins reach the network as if there were no worker.
