import type { FastifyInstance } from 'fastify';

/**
 * The pages at the console and kiosk URLs the station prints, until their interfaces exist (the next steps):
 * a plain French page that says the server runs and where its API is, rather than a 404.
 */
const page = (title: string, lines: string[]) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1>${lines.map((l) => `<p>${l}</p>`).join('')}</main></body></html>
`;

const CONSOLE_PAGE = page('Passation — console du surveillant', [
  'Le serveur du centre fonctionne sur ce poste.',
  'L’interface de la console arrive avec la prochaine version de Passation. En attendant, l’API de la console répond sous <code>/api/console/</code> et <code>/api/manager/</code> (documentation : <code>docs/centre-api.md</code> et <code>docs/delivery-api.md</code>).',
]);

const KIOSK_PAGE = page('Passation — borne', [
  'Cette adresse sert les bornes appairées à ce poste du surveillant.',
  'L’interface du candidat arrive avec la prochaine version de Passation.',
]);

export async function waitingPages(app: FastifyInstance): Promise<void> {
  app.get('/console/', { config: { auth: 'public' } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(CONSOLE_PAGE));
  app.get('/kiosk/', { config: { auth: 'public' } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(KIOSK_PAGE));
}
