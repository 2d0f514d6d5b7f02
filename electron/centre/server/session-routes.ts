import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../../shared/formats/routes';
import { revokeSessionTokens } from '../auth/console-tokens';
import { HttpError } from '../http/http-error';
import { valueOrThrow } from './refusal-http';
import { registerRoute } from '../http/register-route';

/**
 * The centre manager's sessions (R-SESS-1) and candidates (R-SESS-3). Bodies are validated with the shared
 * schemas (a refusal names the field); the invigilator password is answered once, at creation.
 */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, sessions } = app.centre;
  const hub = app.centreInternals.hub;

  const sessionOr404 = (sessionId: number) => {
    const session = sessions.getSession(sessionId);
    if (!session) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`);
    return session;
  };

  registerRoute(app, ROUTES.sessions).handle(() => ({ sessions: sessions.listSessions() }));

  // R-SESS-1, R-SESS-2 — number, access code and invigilator password are drawn by the store.
  registerRoute(app, ROUTES.sessionCreate).handle(({ body }) => valueOrThrow(sessions.createSession(body)));

  registerRoute(app, ROUTES.session).handle(({ params }) => ({ session: sessionOr404(params.sessionId) }));

  registerRoute(app, ROUTES.sessionUpdate).handle(({ params, body }) => ({ session: valueOrThrow(sessions.updateSession(params.sessionId, body)) }));

  registerRoute(app, ROUTES.sessionDelete).handle(({ params }) => {
    valueOrThrow(sessions.deleteSession(params.sessionId));
  });

  // A new invigilator password: the old one and every login made with it stop working.
  registerRoute(app, ROUTES.invigilatorPassword).handle(({ params: { sessionId } }) => {
    const invigilatorPassword = valueOrThrow(sessions.resetInvigilatorPassword(sessionId));
    hub.disconnectLogins(revokeSessionTokens(db, sessionId, clock()));
    return { invigilatorPassword };
  });

  registerRoute(app, ROUTES.candidates).handle(({ params: { sessionId } }) => {
    sessionOr404(sessionId);
    return { candidates: sessions.listCandidates(sessionId) };
  });

  registerRoute(app, ROUTES.candidateCreate).handle(({ params, body }) => ({ candidate: valueOrThrow(sessions.addCandidate(params.sessionId, body)) }));

  registerRoute(app, ROUTES.candidate).handle(({ params: { candidateId } }) => {
    const candidate = sessions.getCandidate(candidateId);
    if (!candidate) throw new HttpError(404, 'notFound', `Candidat introuvable (id ${candidateId}).`);
    return { candidate };
  });

  registerRoute(app, ROUTES.candidateUpdate).handle(({ params, body }) => ({ candidate: valueOrThrow(sessions.updateCandidate(params.candidateId, body)) }));

  registerRoute(app, ROUTES.candidateDelete).handle(({ params }) => {
    valueOrThrow(sessions.deleteCandidate(params.candidateId));
  });
}
