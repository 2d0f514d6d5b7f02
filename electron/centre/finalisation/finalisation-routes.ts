import type { FastifyInstance } from 'fastify';
import { FinalisationRequest } from '../../../shared/formats/console-api';
import { callerLabel } from '../auth/caller';
import type { DeliveryContext } from '../records/delivery-context';
import { valueOrThrow } from '../server/refusal-http';
import { HttpError } from '../http/http-error';
import { bodyOf, idParam, validateBody } from '../http/validate-body';
import { finaliseSession, storedResults } from './finalise-session';

const FINALISATION_BODY_LIMIT = 256 * 1024;

/** R-FIN-1..3 — finalisation and the unsigned results document (docs/delivery-api.md). */
export function registerFinalisationRoutes(app: FastifyInstance, context: DeliveryContext, sessionChanged: (sessionId: number) => void): void {
  const base = '/api/console/sessions/:sessionId';

  app.post(`${base}/finalisation`, {
    config: { auth: 'invigilator' }, bodyLimit: FINALISATION_BODY_LIMIT, preHandler: validateBody(FinalisationRequest),
  }, async (request) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    const answer = valueOrThrow(finaliseSession(context, sessionId, bodyOf(request, FinalisationRequest), callerLabel(request.caller)));
    sessionChanged(sessionId);
    return answer;
  });

  // The exact canonical bytes that the signing step will sign; `x-content-sha256` is their digest.
  app.get(`${base}/results`, { config: { auth: ['invigilator', 'manager'] } }, async (request, reply) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    const stored = storedResults(context, sessionId);
    if (!stored) throw new HttpError(404, 'notFinalised', 'La session n’est pas finalisée : aucun document de résultats.', { field: 'sessionId' });
    return reply.type('application/json; charset=utf-8').header('x-content-sha256', stored.sha256).send(stored.json);
  });
}
