import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';

/** Where `npm run build:screens` writes the built screens (renderer/README.md). */
export const DEFAULT_SCREENS_DIR = path.resolve(__dirname, '../../../dist');
export const SCREENS = ['kiosk', 'console'] as const;
export type Screen = (typeof SCREENS)[number];

const NOT_BUILT_PAGE = (screen: Screen) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Passation — écran non construit</title></head>
<body><main><h1>Écran non construit</h1>
<p>Le serveur du centre fonctionne, mais l’écran « ${screen === 'kiosk' ? 'poste candidat' : 'console du surveillant'} » n’a pas été construit sur ce poste.</p>
<p>Lancez <code>npm run build:screens</code> dans le dossier de Passation (ou <code>npm start</code>, qui le fait), puis rechargez cette page.</p>
</main></body></html>
`;

/** Hashed file names never change content: cached for a year. The page itself is revalidated each time. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * Serves the built screens (Vite, `dist/kiosk/` and `dist/console/`) at `/kiosk/` and `/console/`, every route
 * public (`config.auth`: the pages hold no data; the API behind them checks the caller). A path without a file
 * extension gets the screen's page (the screens route inside themselves); a missing file is a 404. When a
 * screen was not built, its URLs answer a French page saying how to build it (503), never a stack trace.
 * The pages' strict CSP comes from `http/security-headers.ts` (the kiosk's own: `KIOSK_CSP`).
 */
export function screensPlugin(options: { dir?: string } = {}): FastifyPluginAsync {
  const dir = options.dir ?? DEFAULT_SCREENS_DIR;
  return async (app: FastifyInstance) => {
    await app.register(fastifyStatic, { root: dir, serve: false, index: false, dotfiles: 'deny' });
    for (const screen of SCREENS) {
      const built = fs.existsSync(path.join(dir, screen, 'index.html'));
      const sendPage = (reply: FastifyReply) => built
        ? reply.header('cache-control', 'no-cache').sendFile(path.join(screen, 'index.html'), dir, { cacheControl: false })
        : reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE(screen));
      app.get(`/${screen}`, { config: { auth: 'public' } }, async (_request, reply) => reply.redirect(`/${screen}/`, 301));
      app.get(`/${screen}/`, { config: { auth: 'public' } }, async (_request, reply) => sendPage(reply));
      app.get<{ Params: { '*': string } }>(`/${screen}/*`, { config: { auth: 'public' } }, async (request, reply) => {
        const file = request.params['*'];
        if (file.split('/').includes('..')) return reply.callNotFound();
        if (!path.posix.extname(file)) return sendPage(reply);
        if (!built) return sendPage(reply);
        // Any other file (the kiosk's service worker `service-worker.js` above all) is revalidated each time, so that a
        // new version of the screen is seen at the next load and its worker takes over (issue 8 §2).
        const cache = file.startsWith('assets/') ? ASSET_CACHE : 'no-cache';
        return reply.header('cache-control', cache).sendFile(path.posix.join(screen, file), dir, { cacheControl: false });
      });
    }
  };
}
