import { z } from 'zod';
import { defineRoute } from './route-table';

/**
 * The centre server's route table (docs/centre-api.md, docs/delivery-api.md): every HTTP route, declared once.
 * Step 3 fills it with every route; entries are grouped by caller.
 */
export const HealthAnswer = z.object({ status: z.literal('ok'), certificateFingerprint: z.string().nullable() }).strict();

export const ROUTES = {
  health: defineRoute({
    method: 'GET', path: '/api/health', caller: 'public', response: HealthAnswer,
    summary: 'Le serveur répond ; empreinte du certificat du poste.',
  }),
} as const;
export type RouteName = keyof typeof ROUTES;
