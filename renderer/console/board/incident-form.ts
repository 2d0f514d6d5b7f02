import { INCIDENT_CATEGORIES, incidentCategory, type IncidentCategory } from '../../../shared/certification/incidents';
import type { CandidateQuestions } from '../../../shared/formats/console-api';
type CandidateQuestion = CandidateQuestions['questions'][number];
import type { IncidentInput } from '../../../shared/formats/console-api';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';

/**
 * « Signaler un incident » (R-INC-1): the categories in plain French (catalogue `incident.<code>`), C-codes about the
 * pupil or the session, E-codes about one question; the question prefilled with the one on the pupil's screen.
 * Pure: the dialog renders it, the board store sends what `readIncident` gives.
 */
export interface CategoryChoice { code: IncidentCategory; key: MessageKey; namesQuestion: boolean }

// R-INC-1 — in the rules' order; the words are the catalogue's (plain French, English beside).
export const CATEGORY_CHOICES: readonly CategoryChoice[] = INCIDENT_CATEGORIES.map((c) => ({
  code: c.code, key: `incident.${c.code}` as MessageKey, namesQuestion: c.namesQuestion,
}));

/** The two groups of the list: about the pupil or the session (C), about one question (E). */
export function categoryGroups(): { key: MessageKey; choices: CategoryChoice[] }[] {
  return [
    { key: 'incident.groupCandidate', choices: CATEGORY_CHOICES.filter((c) => !c.namesQuestion) },
    { key: 'incident.groupQuestion', choices: CATEGORY_CHOICES.filter((c) => c.namesQuestion) },
  ];
}

/**
 * The question to prefill: the one on the pupil's screen (the first not answered in delivery order), else the
 * last one (all answered). Null without questions.
 */
export function prefilledQuestion(questions: readonly CandidateQuestion[]): string | null {
  const inOrder = [...questions].sort((a, b) => a.position - b.position);
  const current = inOrder.find((q) => !q.answered) ?? inOrder[inOrder.length - 1];
  return current ? current.challengeId : null;
}

export interface IncidentFields { category: IncidentCategory | ''; challengeId: string; description: string }

export type IncidentProblem = { field: 'category' | 'challengeId'; key: MessageKey };

/** The body to send, or what to fix (by field). A C-code names no question even if one was picked. */
export function readIncident(candidateId: number, fields: IncidentFields): { ok: true; value: IncidentInput } | { ok: false; problems: IncidentProblem[] } {
  if (fields.category === '') return { ok: false, problems: [{ field: 'category', key: 'incident.categoryMissing' }] };
  const definition = incidentCategory(fields.category);
  const description = fields.description.trim();
  if (definition?.namesQuestion) {
    if (fields.challengeId === '') return { ok: false, problems: [{ field: 'challengeId', key: 'incident.questionMissing' }] };
    return { ok: true, value: { candidateId, category: fields.category, challengeId: fields.challengeId, description } };
  }
  return { ok: true, value: { candidateId, category: fields.category, description } };
}

/** The choice of a category code. */
export function incidentCategoryChoice(code: IncidentCategory): CategoryChoice | undefined {
  return CATEGORY_CHOICES.find((c) => c.code === code);
}
