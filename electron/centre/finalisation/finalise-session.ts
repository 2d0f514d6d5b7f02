import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { checkFinalisation } from '../../../shared/certification/finalisation';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import type { FinalisationAnswer, FinalisationRequest } from '../../../shared/formats/console-api';
import { auditLogFile } from '../audit/audit-log-file';
import { appendEvent } from '../audit/event-chain';
import type { DeliveryContext } from '../records/delivery-context';
import type { TestRecord } from '../records/delivery-store';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';
import { inTransaction } from '../storage/transaction';
import { isSessionSigned } from '../sessions/session-lock';
import { listIncidents } from '../records/incidents';
import { buildResultsDocument } from './results-document';

type Request = z.output<typeof FinalisationRequest>;

/**
 * R-FIN-1..3 — finalises a session in one transaction: refusals first (R-FIN-1, every problem listed, in
 * French), then every unfinished test ends (`endedDueToFinalisation`), the statements are stored, the audit
 * chain records the finalisation, and the unsigned results document (canonical JSON) is built and kept with
 * its SHA-256. The session becomes `finalised`: nothing of it can change any more.
 */
export function finaliseSession(context: DeliveryContext, sessionId: number, request: Request, actor: string): Result<FinalisationAnswer, Refusal> {
  const session = context.sessions.getSession(sessionId);
  if (!session) return refuse('notFound', 'sessionId', `Session introuvable (id ${sessionId}).`);

  // A signed session is frozen: its signature covers the results document (signing/).
  if (isSessionSigned(context.db, sessionId)) {
    return refuse('sessionAlreadyFinalised', 'sessionId', `La session n° ${session.number} est signée : elle ne peut plus être finalisée à nouveau.`);
  }

  return inTransaction(context.db, () => {
    const candidates = context.sessions.listCandidates(sessionId);
    const candidateById = new Map(candidates.map((c) => [c.id, c]));
    const tests = new Map(context.store.testsOfSession(sessionId).map((t) => [t.candidateId, t]));
    const statementIndex = new Map(request.candidates.map((c, i) => [c.candidateId, i]));

    for (const [i, statement] of request.candidates.entries()) {
      const candidate = candidateById.get(statement.candidateId);
      if (!candidate) return refuse('unknownCandidate', `candidates[${i}].candidateId`, `Le candidat n° ${statement.candidateId} n’est pas inscrit dans la session n° ${session.number}.`);
      if (!tests.has(candidate.id)) {
        return refuse('candidateNotStarted', `candidates[${i}].candidateId`, `${candidate.lastName} ${candidate.firstName} n’a pas commencé de test : rien à déclarer pour ce candidat.`);
      }
    }

    // R-FIN-1
    const already = session.status !== 'created';
    const check = checkFinalisation({
      finalised: already,
      tests: [...tests.values()].map((t) => ({
        candidateId: String(t.candidateId), state: t.state, abortReason: request.candidates[statementIndex.get(t.candidateId) ?? -1]?.abortReason ?? null,
      })),
    });
    if (!check.ok) {
      const errors = check.errors.map((e) => {
        const candidate = e.candidateId === undefined ? undefined : candidateById.get(Number(e.candidateId));
        const index = candidate === undefined ? undefined : statementIndex.get(candidate.id);
        return {
          field: candidate === undefined ? 'sessionId' : index === undefined ? 'candidates' : `candidates[${index}].abortReason`,
          message: candidate === undefined ? e.message : e.message.replace(`Candidat ${e.candidateId}`, `${candidate.lastName} ${candidate.firstName}`),
        };
      });
      const first = errors[0]!;
      return refuse(already ? 'sessionAlreadyFinalised' : 'finalisationRefused', first.field,
        errors.map((e) => e.message).join(' '), { errors: errors.map((e) => ({ field: e.field, message: e.message })) });
    }

    const packages = context.packages.sessionPackages(sessionId);
    const content = packages.content ? context.materials.content(packages.content.id) : null;
    const profiles = packages.profile ? context.materials.profiles(packages.profile.id) : null;
    if (!content || !profiles) return refuse('packagesMissing', 'sessionId', 'Les paquets de contenu et de profils de la session sont introuvables.');

    const at = context.now().toISOString();
    const ended = new Map<number, TestRecord>();
    for (const test of tests.values()) {
      if (test.state === 'started') {
        context.store.endTest(test.id, 'endedDueToFinalisation', at);
        appendEvent(context.db, sessionId, { kind: 'testEnded', candidateId: test.candidateId, at, payload: { by: actor, state: 'endedDueToFinalisation' } });
      }
      const statement = request.candidates[statementIndex.get(test.candidateId) ?? -1];
      context.store.setFinalStatements(test.id, statement?.abortReason ?? null, statement?.endScreenSeen ?? false);
      ended.set(test.candidateId, context.store.testOfCandidate(test.candidateId)!);
    }
    const head = appendEvent(context.db, sessionId, {
      kind: 'sessionFinalised', at,
      payload: { by: actor, tests: tests.size, incidentDuringSession: request.incidentDuringSession, joiningIssue: request.joiningIssue },
    });
    const document = buildResultsDocument(context, {
      session, content, profiles, finalisedAt: at,
      globalComment: request.globalComment, incidentDuringSession: request.incidentDuringSession, joiningIssue: request.joiningIssue,
      candidates, tests: ended, incidents: listIncidents(context.db, sessionId),
      chainHead: { seq: head.seq, hash: head.hash, logSha256: auditLogFile(context.db, sessionId, head.seq).sha256 },
    });
    const json = canonicalJson(document);
    const sha256 = createHash('sha256').update(json, 'utf8').digest('hex');
    context.db.prepare(`INSERT INTO finalisations (session_id, finalised_at, finalised_by, global_comment, incident_during_session, joining_issue,
        results_json, results_sha256, chain_seq, chain_head) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(sessionId, at, actor, request.globalComment, request.incidentDuringSession ? 1 : 0, request.joiningIssue ? 1 : 0, json, sha256, head.seq, head.hash);
    const status = context.sessions.setSessionStatus(sessionId, 'finalised');
    if (!status.ok) return refuse('sessionAlreadyFinalised', 'sessionId', status.error.message);

    return ok({
      sessionId,
      finalisedAt: at,
      resultsSha256: sha256,
      chainHead: { seq: head.seq, hash: head.hash },
      candidates: document.candidates.flatMap((c) => c.test === null ? [] : [{
        candidateId: c.candidateId, lastName: c.lastName, firstName: c.firstName,
        status: c.test.result.status, pix: c.test.result.pix, reproducibilityRate: c.test.result.reproducibilityRate,
        reason: c.test.result.reason,
      }]),
    });
  });
}

/** The stored results document of a finalised session: its exact canonical bytes and their SHA-256, or null. */
export function storedResults(context: Pick<DeliveryContext, 'db'>, sessionId: number): { json: string; sha256: string } | null {
  return context.db.prepare<[number], { json: string; sha256: string }>(
    'SELECT results_json AS json, results_sha256 AS sha256 FROM finalisations WHERE session_id = ?').get(sessionId) ?? null;
}
