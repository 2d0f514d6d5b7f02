import { incidentCategory, type IncidentCategory } from '../../../shared/certification/incidents';
import type { AbortReason } from '../../../shared/formats/scoring';
import type { TestState } from '../../../shared/formats/test-state';
import { ok, type Result } from '../../../shared/result';
import { listIncidents } from '../records/incidents';
import type { DeliveryContext } from '../records/delivery-context';
import { refuse, type Refusal } from '../storage/refusal';

/** The zone the PDFs show times in when none is given: the centres are in metropolitan France. */
export const DEFAULT_REPORT_TIME_ZONE = 'Europe/Paris';

export interface ReportTest {
  state: Exclude<TestState, 'started'>;
  startedAt: string;
  endedAt: string;
  abortReason: AbortReason | null;
  /** R-FIN-3 — « écran de fin de test vu », as the invigilator stated it at finalisation. */
  endScreenSeen: boolean;
}

export interface ReportCandidate {
  candidateId: number;
  lastName: string;
  firstName: string;
  birthDate: string;
  /** Presence confirmed by the invigilator, or a test started. */
  present: boolean;
  /** Null for a candidate who never started. */
  test: ReportTest | null;
}

export interface ReportIncident {
  id: number;
  candidateId: number;
  /** « NOM Prénom » of the candidate concerned. */
  candidateName: string;
  category: IncidentCategory;
  /** R-INC-1 — the category in plain French. */
  categoryLabel: string;
  /** E-codes: the question number in the candidate's answer order (R-INC-1); null for C-codes. */
  questionNumber: number | null;
  description: string;
  createdAt: string;
}

/**
 * What the attendance sheet and the PV d'incident show, read from a finalised session (R-FIN-3): plain data,
 * so that the PDFs are pure functions of it (the same data gives the same bytes).
 */
export interface ReportData {
  session: {
    number: number; centre: string; siteAddress: string; room: string; date: string; startTime: string;
    invigilatorName: string; description: string | null;
  };
  finalisedAt: string;
  finalisedBy: string;
  globalComment: string;
  /** R-FIN-3 — « incident pendant la session ». */
  incidentDuringSession: boolean;
  /** R-FIN-3 — « problème de connexion » (joining issue). */
  joiningIssue: boolean;
  /** SHA-256 of the signed results document (results.json): the PDFs name it, tying them to the bundle. */
  resultsSha256: string;
  /** IANA zone the times are shown in. */
  timeZone: string;
  /** Every candidate of the session, in French alphabetical order of last then first name. */
  candidates: ReportCandidate[];
  /** Oldest first. */
  incidents: ReportIncident[];
}

interface FinalisationRow {
  finalisedAt: string; finalisedBy: string; globalComment: string; incidentDuringSession: number; joiningIssue: number; resultsSha256: string;
}

/** What the report reads: the database (finalisation row, incidents), the session and delivery stores. */
export type ReportSources = Pick<DeliveryContext, 'db' | 'sessions' | 'store'>;

const byName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/**
 * R-FIN-3 — the data of the session's two PDFs, from the stores (sessions, tests, incidents, the finalisation
 * row). Refused while the session is not finalised: the PDFs record what finalisation froze.
 */
export function sessionReportData(context: ReportSources, sessionId: number, options: { timeZone?: string } = {}): Result<ReportData, Refusal> {
  const session = context.sessions.getSession(sessionId);
  if (!session) return refuse('notFound', 'sessionId', `Session introuvable (id ${sessionId}).`);
  const finalisation = context.db.prepare<[number], FinalisationRow>(`SELECT finalised_at AS finalisedAt, finalised_by AS finalisedBy,
      global_comment AS globalComment, incident_during_session AS incidentDuringSession, joining_issue AS joiningIssue,
      results_sha256 AS resultsSha256 FROM finalisations WHERE session_id = ?`).get(sessionId);
  if (!finalisation) {
    return refuse('sessionNotFinalised', 'sessionId', `La session n° ${session.number} n’est pas finalisée : la feuille d’émargement et le PV d’incident se font après la finalisation.`);
  }

  const tests = new Map(context.store.testsOfSession(sessionId).map((t) => [t.candidateId, t]));
  const roster = context.sessions.listCandidates(sessionId);
  const names = new Map(roster.map((c) => [c.id, `${c.lastName} ${c.firstName}`]));
  const candidates = roster.map((c): ReportCandidate => {
    const test = tests.get(c.id);
    if (test?.state === 'started') throw new Error(`session ${sessionId} finalisée avec le test ${test.id} en cours`);
    return {
      candidateId: c.id, lastName: c.lastName, firstName: c.firstName, birthDate: c.birthDate,
      present: test !== undefined || context.store.presenceConfirmedAt(c.id) !== null,
      test: test === undefined ? null : {
        state: test.state, startedAt: test.startedAt, endedAt: test.endedAt, abortReason: test.abortReason, endScreenSeen: test.endScreenSeen,
      },
    };
  }).sort((a, b) => byName.compare(a.lastName, b.lastName) || byName.compare(a.firstName, b.firstName) || a.candidateId - b.candidateId);

  const incidents = listIncidents(context.db, sessionId).map((i): ReportIncident => ({
    id: i.id, candidateId: i.candidateId, candidateName: names.get(i.candidateId) ?? `candidat n° ${i.candidateId}`,
    category: i.category, categoryLabel: incidentCategory(i.category)?.label ?? i.category,
    questionNumber: i.questionNumber, description: i.description, createdAt: i.createdAt,
  }));

  return ok({
    session: {
      number: session.number, centre: session.centre, siteAddress: session.siteAddress, room: session.room, date: session.date,
      startTime: session.startTime, invigilatorName: session.invigilatorName, description: session.description ?? null,
    },
    finalisedAt: finalisation.finalisedAt,
    finalisedBy: finalisation.finalisedBy,
    globalComment: finalisation.globalComment,
    incidentDuringSession: finalisation.incidentDuringSession === 1,
    joiningIssue: finalisation.joiningIssue === 1,
    resultsSha256: finalisation.resultsSha256,
    timeZone: options.timeZone ?? DEFAULT_REPORT_TIME_ZONE,
    candidates,
    incidents,
  });
}
