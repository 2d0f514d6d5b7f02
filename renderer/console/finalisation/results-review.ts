import { COMPETENCE_COUNT, PIX_PER_LEVEL } from '../../../shared/certification/constants';
import type { ResultsScoring } from '../../../shared/formats/console-api';
import { AnyResultsDocument, type AnyResultsCandidate } from '../../../shared/formats/results';
import type { CertificationStatus, CompetenceMark, ScoringInput, ScoringResult } from '../../../shared/formats/scoring';

/**
 * The review after finalisation, pure: the provisional results per candidate as the unsigned results document
 * (`GET …/results`) gives them — status, total, a mark (level and pix) per tested competence (R-SCORE-7) — and why
 * a result is not validated, read in the order of R-SCORE-8 from the scoring input the station computed
 * (`GET …/results/scoring`: a format 3 document does not carry it, and the browser has no solutions to recompute it).
 * Nothing is scored here. Format 2 documents (sessions finalised before format 3) are read the same way.
 */

/** A candidate who never started has no result: shown as such, not as a failure. */
export type ReviewOutcome = CertificationStatus | 'notStarted';

/** Why a result is not validated (R-SCORE-8, R-SCORE-9), for the catalogue. */
export type OutcomeReason = 'authority' | 'fraud' | 'technicalLowRate' | 'tooManyNeutralised' | 'lowRate' | 'noPix' | 'unscorable';

export interface ReviewCandidate {
  candidateId: number;
  firstName: string;
  lastName: string;
  outcome: ReviewOutcome;
  reason: OutcomeReason | null;
  /** Total pix (R-SCORE-7), 0 without a test. */
  pix: number;
  /** R-SCORE-3, null without a test. */
  reproducibilityRate: number | null;
  /** One mark per tested competence, in the document's order. */
  marks: CompetenceMark[];
}

export interface Review {
  sessionNumber: number;
  finalisedAt: string;
  /** R-SCORE-7 — the most one competence can bring: 8 × maxLevel. */
  maxCompetencePix: number;
  /** The most a candidate can total: 16 competences × 8 × maxLevel (640 with the default cap of 5). */
  maxTotalPix: number;
  candidates: ReviewCandidate[];
}

/** The exact bytes of `GET …/results` read as the document (format 2 or 3), or null when they are not one. */
export function parseResultsDocument(text: string): AnyResultsDocument | null {
  let json: unknown;
  try { json = JSON.parse(text); } catch { return null; }
  const parsed = AnyResultsDocument.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** R-SCORE-8 (first match wins), R-SCORE-9 — why this result is what it is; null when validated. */
export function outcomeReason(result: ScoringResult, scoringInput: ScoringInput): OutcomeReason | null {
  const lowRate = result.reproducibilityRate < 50;
  switch (result.status) {
    case 'validated': return null;
    case 'error': return 'unscorable';
    case 'cancelled':
      if (scoringInput.cancelledByAuthority === true) return 'authority';
      return scoringInput.abortReason === 'technical' && lowRate && !tooFewCounted(scoringInput) ? 'technicalLowRate' : 'tooManyNeutralised';
    case 'rejected':
      if (scoringInput.fraud) return 'fraud';
      return lowRate ? 'lowRate' : 'noPix';
  }
}

/** R-SCORE-8 — fewer non-neutralised challenges than ceil(0.66 × challenges), over the tested competences (R-SCORE-1). */
function tooFewCounted(scoringInput: ScoringInput): boolean {
  const tested = new Set(scoringInput.competences.map((c) => c.code));
  const challenges = scoringInput.challenges.filter((c) => tested.has(c.competence));
  const kept = challenges.filter((c) => !c.neutralized).length;
  return kept < Math.ceil(0.66 * challenges.length);
}

function reviewCandidate(candidate: AnyResultsCandidate, scoringInput: ScoringInput): ReviewCandidate {
  const base = { candidateId: candidate.candidateId, firstName: candidate.firstName, lastName: candidate.lastName };
  if (candidate.test === null) return { ...base, outcome: 'notStarted', reason: null, pix: 0, reproducibilityRate: null, marks: [] };
  const { result } = candidate.test;
  return { ...base, outcome: result.status, reason: outcomeReason(result, scoringInput), pix: result.pix, reproducibilityRate: result.reproducibilityRate, marks: result.competences };
}

/**
 * The review of a results document with the station's scoring inputs: every candidate in the document's order; null
 * when a candidate who sat a test has no scoring input (the two answers are not of the same session).
 */
export function reviewOf(document: AnyResultsDocument, scoring: ResultsScoring): Review | null {
  const maxCompetencePix = PIX_PER_LEVEL * document.session.maxLevel;
  const inputs = new Map(scoring.candidates.map((c) => [c.candidateId, c.scoringInput]));
  const candidates: ReviewCandidate[] = [];
  for (const candidate of document.candidates) {
    const input = inputs.get(candidate.candidateId);
    if (candidate.test !== null && input === undefined) return null;
    candidates.push(reviewCandidate(candidate, input!));
  }
  return {
    sessionNumber: document.session.number,
    finalisedAt: document.finalisedAt,
    maxCompetencePix,
    maxTotalPix: COMPETENCE_COUNT * maxCompetencePix,
    candidates,
  };
}

/** How many candidates have each outcome (the review's summary line). */
export function countOutcomes(candidates: readonly ReviewCandidate[]): Record<ReviewOutcome, number> {
  const counts: Record<ReviewOutcome, number> = { validated: 0, rejected: 0, cancelled: 0, error: 0, notStarted: 0 };
  for (const c of candidates) counts[c.outcome] += 1;
  return counts;
}
