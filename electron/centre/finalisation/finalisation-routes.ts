import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../../shared/formats/routes';
import { callerLabel } from '../auth/caller';
import type { DeliveryContext } from '../records/delivery-context';
import { valueOrThrow } from '../server/refusal-http';
import { HttpError } from '../http/http-error';
import { registerRoute } from '../http/register-route';
import { finaliseSession, storedResults } from './finalise-session';
import { resultsScoring } from './results-scoring';

const FINALISATION_BODY_LIMIT = 256 * 1024;

/** R-FIN-1..3 — finalisation and the unsigned results document (docs/delivery-api.md). */
export function registerFinalisationRoutes(app: FastifyInstance, context: DeliveryContext, sessionChanged: (sessionId: number) => void): void {
  registerRoute(app, ROUTES.finalisation, { bodyLimit: FINALISATION_BODY_LIMIT }).handle(({ request, params: { sessionId }, body }) => {
    const answer = valueOrThrow(finaliseSession(context, sessionId, body, callerLabel(request.caller)));
    sessionChanged(sessionId);
    return answer;
  });

  // The exact canonical bytes that the signing step will sign; `x-content-sha256` is their digest.
  registerRoute(app, ROUTES.results).handle(({ reply, params: { sessionId } }) => {
    const stored = storedResults(context, sessionId);
    if (!stored) throw new HttpError(404, 'notFinalised', 'La session n’est pas finalisée : aucun document de résultats.', { field: 'sessionId' });
    return reply.type('application/json; charset=utf-8').header('x-content-sha256', stored.sha256).send(stored.json);
  });

  // R-SCORE-8 — for the console's review: the scoring inputs the format 3 document leaves out (results-scoring.ts).
  registerRoute(app, ROUTES.resultsScoring).handle(({ params: { sessionId } }) => {
    const scoring = resultsScoring(context, sessionId);
    if (!scoring) throw new HttpError(404, 'notFinalised', 'La session n’est pas finalisée : aucun document de résultats.', { field: 'sessionId' });
    return scoring;
  });
}
