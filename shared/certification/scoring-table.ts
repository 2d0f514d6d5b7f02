import * as rules from './constants';

// Read once (see scoring.ts: imported bindings are getters under tsx).
const { HIGH_RATE_THRESHOLD, MEDIUM_RATE_THRESHOLD } = rules;

/** R-SCORE-5 — V = keep the estimated level, D = estimated level − 1, I = not certified. */
export type ScoringAction = 'V' | 'D' | 'I';

/** R-SCORE-5 — a competence's counts, weighted and capped as in R-SCORE-2. */
export interface CompetenceCounts {
  challenges: number;
  correct: number;
  neutralized: number;
}

/** One row of the R-SCORE-5 table; `actions` are the columns rate ≥ 80, 70 ≤ rate < 80, rate < 70. */
export interface ScoringTableRow {
  challenges: number;
  correct: number;
  neutralized: number | 'any';
  actions: readonly [ScoringAction, ScoringAction, ScoringAction];
}

// R-SCORE-5 — the table as the rules print it, row for row.
export const SCORING_TABLE: readonly ScoringTableRow[] = [
  { challenges: 3, correct: 3, neutralized: 0, actions: ['V', 'V', 'V'] },
  { challenges: 3, correct: 2, neutralized: 0, actions: ['V', 'D', 'D'] },
  { challenges: 3, correct: 2, neutralized: 1, actions: ['V', 'V', 'V'] },
  { challenges: 3, correct: 1, neutralized: 0, actions: ['I', 'I', 'I'] },
  { challenges: 3, correct: 1, neutralized: 1, actions: ['V', 'D', 'I'] },
  { challenges: 3, correct: 1, neutralized: 2, actions: ['V', 'V', 'D'] },
  { challenges: 3, correct: 0, neutralized: 'any', actions: ['I', 'I', 'I'] },
  { challenges: 2, correct: 2, neutralized: 0, actions: ['V', 'V', 'V'] },
  { challenges: 2, correct: 1, neutralized: 0, actions: ['V', 'D', 'I'] },
  { challenges: 2, correct: 1, neutralized: 1, actions: ['V', 'V', 'D'] },
  { challenges: 2, correct: 0, neutralized: 'any', actions: ['I', 'I', 'I'] },
  { challenges: 1, correct: 1, neutralized: 0, actions: ['V', 'V', 'D'] },
  { challenges: 1, correct: 0, neutralized: 'any', actions: ['I', 'I', 'I'] },
];

/** R-SCORE-5 — the table's column for a (rounded) reproducibility rate. */
export function columnFor(rate: number): 0 | 1 | 2 {
  if (rate >= HIGH_RATE_THRESHOLD) return 0;
  if (rate >= MEDIUM_RATE_THRESHOLD) return 1;
  return 2;
}

/** R-SCORE-5 — one row's actions, by column (see `columnFor`). */
export type RowActions = readonly [ScoringAction, ScoringAction, ScoringAction];

// The table indexed once at load for a fast lookup (derived from SCORING_TABLE, never edited by hand):
// key = (challenges × SIDE + correct) × SIDE + neutralised, each count 0 … MAX_COUNT.
const MAX_COUNT = 3;
const SIDE = MAX_COUNT + 1;
const INDEX: readonly (RowActions | undefined)[] = (() => {
  const index = new Array<RowActions | undefined>(SIDE * SIDE * SIDE);
  for (const row of SCORING_TABLE) {
    // `any` covers every count the row can hold: 0 … challenges.
    const from = row.neutralized === 'any' ? 0 : row.neutralized;
    const to = row.neutralized === 'any' ? row.challenges : row.neutralized;
    for (let neutralized = from; neutralized <= to; neutralized++) {
      index[(row.challenges * SIDE + row.correct) * SIDE + neutralized] = row.actions;
    }
  }
  return index;
})();

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_COUNT;
}

/**
 * R-SCORE-5 — the action for a competence's counts at a (rounded) rate, or `null` when the combination is
 * outside the table (the caller flags the result `error`, never guesses). `any` matches only a count the row
 * can hold (0 … challenges), so `{3, 0, 4}` is outside the table.
 */
export function lookUpAction(counts: CompetenceCounts, rate: number): ScoringAction | null {
  return actionFor(counts.challenges, counts.correct, counts.neutralized, rate);
}

/** `lookUpAction` without the counts object (the scoring loop calls it 16 times per test). */
export function actionFor(challenges: number, correct: number, neutralized: number, rate: number): ScoringAction | null {
  const actions = rowActionsFor(challenges, correct, neutralized);
  return actions === null ? null : actions[columnFor(rate)];
}

/**
 * R-SCORE-5 — the row of a competence's counts, whatever the rate, or `null` when no row holds them: whether a
 * combination is in the table never depends on the rate (as the authority's rule lookup, which fails with
 * « Règle de calcul de niveau certifié manquante pour N épreuves proposées… » before reading the rate).
 */
export function rowActionsFor(challenges: number, correct: number, neutralized: number): RowActions | null {
  if (!isCount(challenges) || !isCount(correct) || !isCount(neutralized)) return null;
  return INDEX[(challenges * SIDE + correct) * SIDE + neutralized] ?? null;
}
