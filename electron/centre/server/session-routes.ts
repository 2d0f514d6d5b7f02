import type { FastifyInstance } from 'fastify';
import { CandidateInput, SessionInput } from '../../../shared/formats/session';
import { revokeSessionTokens } from '../auth/console-tokens';
import { HttpError } from '../http/http-error';
import { valueOrThrow } from './refusal-http';
import { bodyOf, idParam, validateBody } from '../http/validate-body';

/**
 * The centre manager's sessions (R-SESS-1) and candidates (R-SESS-3). Bodies are validated with the shared
 * schemas (a refusal names the field); the invigilator password is answered once, at creation.
 */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, sessions } = app.centre;
  const hub = app.centreInternals.hub;
  const manager = { auth: 'manager' as const };

  const sessionOr404 = (sessionId: number) => {
    const session = sessions.getSession(sessionId);
    if (!session) throw new HttpError(404, 'notFound', `Session introuvable (id ${sessionId}).`);
    return session;
  };

  app.get('/api/manager/sessions', { config: manager }, async () => ({ sessions: sessions.listSessions() }));

  // R-SESS-1, R-SESS-2 — number, access code and invigilator password are drawn by the store.
  app.post('/api/manager/sessions', { config: manager, preHandler: validateBody(SessionInput) }, async (request, reply) => {
    const created = valueOrThrow(sessions.createSession(bodyOf(request, SessionInput)));
    return reply.code(201).send(created);
  });

  app.get('/api/manager/sessions/:sessionId', { config: manager }, async (request) => ({ session: sessionOr404(idParam(request, 'sessionId', 'Session')) }));

  app.put('/api/manager/sessions/:sessionId', { config: manager, preHandler: validateBody(SessionInput) }, async (request) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    return { session: valueOrThrow(sessions.updateSession(sessionId, bodyOf(request, SessionInput))) };
  });

  app.delete('/api/manager/sessions/:sessionId', { config: manager }, async (request, reply) => {
    valueOrThrow(sessions.deleteSession(idParam(request, 'sessionId', 'Session')));
    return reply.code(204).send();
  });

  // A new invigilator password: the old one and every login made with it stop working.
  app.post('/api/manager/sessions/:sessionId/invigilator-password', { config: manager }, async (request) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    const invigilatorPassword = valueOrThrow(sessions.resetInvigilatorPassword(sessionId));
    hub.disconnectLogins(revokeSessionTokens(db, sessionId, clock()));
    return { invigilatorPassword };
  });

  app.get('/api/manager/sessions/:sessionId/candidates', { config: manager }, async (request) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    sessionOr404(sessionId);
    return { candidates: sessions.listCandidates(sessionId) };
  });

  app.post('/api/manager/sessions/:sessionId/candidates', { config: manager, preHandler: validateBody(CandidateInput) }, async (request, reply) => {
    const sessionId = idParam(request, 'sessionId', 'Session');
    return reply.code(201).send({ candidate: valueOrThrow(sessions.addCandidate(sessionId, bodyOf(request, CandidateInput))) });
  });

  app.get('/api/manager/candidates/:candidateId', { config: manager }, async (request) => {
    const candidateId = idParam(request, 'candidateId', 'Candidat');
    const candidate = sessions.getCandidate(candidateId);
    if (!candidate) throw new HttpError(404, 'notFound', `Candidat introuvable (id ${candidateId}).`);
    return { candidate };
  });

  app.put('/api/manager/candidates/:candidateId', { config: manager, preHandler: validateBody(CandidateInput) }, async (request) => {
    const candidateId = idParam(request, 'candidateId', 'Candidat');
    return { candidate: valueOrThrow(sessions.updateCandidate(candidateId, bodyOf(request, CandidateInput))) };
  });

  app.delete('/api/manager/candidates/:candidateId', { config: manager }, async (request, reply) => {
    valueOrThrow(sessions.deleteCandidate(idParam(request, 'candidateId', 'Candidat')));
    return reply.code(204).send();
  });
}
