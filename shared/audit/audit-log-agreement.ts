import { AUDIT_KINDS, type AuditLogEvent } from '../formats/audit-log';
import { answerPositions, type AnyResultsDocument } from '../formats/results';

/** How many disagreements are named; the rest are counted. */
const SHOWN = 5;

/**
 * Architecture §2 — the audit log and results.json tell the same session (what is cheap to compare, one pass):
 * one `testStarted` event for each candidate with a test and for no one else; one `answer` event for each answer
 * (same candidate, position, challenge, time, kiosk, timing flags, and client id in format 2; format 3 has the position
 * from the drawn test's order) and none that the document lacks;
 * one `incident` event for each incident (same id, candidate, category, challenge) and none more; the last event
 * is the finalisation, at `finalisedAt`. Returns the problems in French, empty when they agree.
 */
export function auditLogDisagreements(document: AnyResultsDocument, events: readonly AuditLogEvent[]): string[] {
  const problems: string[] = [];
  const started = new Map<number, number>();
  const answers = new Map<string, AuditLogEvent>();
  const incidents = new Map<number, AuditLogEvent>();
  for (const event of events) {
    if (event.kind === AUDIT_KINDS.answer) {
      const key = `${event.candidateId}/${String(event.payload.position)}`;
      if (answers.has(key)) problems.push(`événement n° ${event.seq} : deuxième réponse du candidat ${event.candidateId} à la position ${String(event.payload.position)}`);
      answers.set(key, event);
    } else if (event.kind === AUDIT_KINDS.testStarted && event.candidateId !== null) {
      started.set(event.candidateId, (started.get(event.candidateId) ?? 0) + 1);
    } else if (event.kind === AUDIT_KINDS.incident && typeof event.payload.incidentId === 'number') {
      incidents.set(event.payload.incidentId, event);
    }
  }

  let documentAnswers = 0;
  for (const candidate of document.candidates) {
    const id = candidate.candidateId;
    const starts = started.get(id) ?? 0;
    started.delete(id);
    if (candidate.test === null) {
      if (starts > 0) problems.push(`candidat ${id} : le journal montre un début de test, le document aucun test`);
      continue;
    }
    if (starts !== 1) problems.push(`candidat ${id} : ${starts} début(s) de test dans le journal, 1 attendu`);
    const positions = answerPositions(candidate.test);
    for (const [i, answer] of candidate.test.answers.entries()) {
      documentAnswers++;
      const position = positions[i]!;
      const event = answers.get(`${id}/${position}`);
      const where = `candidat ${id}, réponse n° ${position} (${answer.challengeId})`;
      if (event === undefined) {
        problems.push(`${where} : aucun événement « answer » dans le journal`);
        continue;
      }
      const p = event.payload;
      if (p.challengeId !== answer.challengeId || ('clientAnswerId' in answer && p.clientAnswerId !== answer.clientAnswerId) || event.at !== answer.answeredAt
        || event.kioskId !== answer.kioskId || p.elapsedMs !== answer.elapsedMs || p.timedOut !== answer.timedOut || p.focusLost !== answer.focusLost) {
        problems.push(`${where} : l’événement n° ${event.seq} du journal dit autre chose (épreuve, identifiant, heure, poste ou minutage)`);
      }
    }
  }
  for (const [id] of started) problems.push(`candidat ${id} : début de test dans le journal, candidat absent du document`);
  if (answers.size !== documentAnswers) {
    problems.push(`le journal compte ${answers.size} réponse(s), le document ${documentAnswers} : des réponses ont été retirées du document`);
  }

  for (const incident of document.incidents) {
    const event = incidents.get(incident.id);
    if (event === undefined) {
      problems.push(`signalement n° ${incident.id} : aucun événement « incident » dans le journal`);
      continue;
    }
    incidents.delete(incident.id);
    if (event.candidateId !== incident.candidateId || event.payload.category !== incident.category || event.payload.challengeId !== incident.challengeId || event.at !== incident.createdAt) {
      problems.push(`signalement n° ${incident.id} : l’événement n° ${event.seq} du journal dit autre chose (candidat, catégorie, épreuve ou heure)`);
    }
  }
  for (const [id, event] of incidents) problems.push(`signalement n° ${id} (événement n° ${event.seq}) : absent du document`);

  const last = events.at(-1);
  if (last === undefined || last.kind !== AUDIT_KINDS.sessionFinalised || last.at !== document.finalisedAt) {
    problems.push(`le dernier événement du journal n’est pas la finalisation du ${document.finalisedAt}`);
  }
  return problems.length > SHOWN ? [...problems.slice(0, SHOWN), `… et ${problems.length - SHOWN} autre(s)`] : problems;
}
