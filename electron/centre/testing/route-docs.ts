import fs from 'node:fs';
import path from 'node:path';
import { LIVE_ROUTES, ROUTES } from '../../../shared/formats/routes';

/** `METHOD path` of every route of the table, HTTP and WebSocket (the latter as the GET of its upgrade). */
export function tableRoutes(): { key: string; websocket: boolean }[] {
  return [
    ...Object.values(ROUTES).map((r) => ({ key: `${r.method} ${r.path}`, websocket: false })),
    ...Object.values(LIVE_ROUTES).map((r) => ({ key: `GET ${r.path}`, websocket: true })),
  ];
}

/** The text of docs/<file>. */
export function readDoc(file: 'centre-api.md' | 'delivery-api.md'): string {
  return fs.readFileSync(path.join(__dirname, '../../../docs', file), 'utf8');
}

/**
 * The `### …` section of a doc whose heading starts with the route (`### GET /api/health`, ``### `POST /api/kiosk/answers` — …``),
 * or undefined.
 */
export function routeSection(doc: string, route: string): string | undefined {
  return doc.split('\n### ').slice(1).find((section) => {
    const heading = section.split('\n', 1)[0]!.replace(/`/g, '');
    return heading === route || heading.startsWith(`${route} `);
  });
}
