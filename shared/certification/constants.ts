/**
 * Every number of the certification rules, named once (../shared/spec/certification-rules.md).
 * Code cites these names; tests cite the rule ids.
 */

/** R-REF-2 — pix per level. */
export const PIX_PER_LEVEL = 8;
/** R-REF-3 — default maximum reachable level (640 pix = 16 × 8 × 5). */
export const DEFAULT_MAX_LEVEL = 5;
/** R-REF-3 — the highest cap the rules foresee (8 levels = 1024 pix). */
export const HIGHEST_MAX_LEVEL = 8;
/** R-REF-1 — number of competences in the referential. */
export const COMPETENCE_COUNT = 16;
/** R-REF-4 — skill difficulties. */
export const MIN_DIFFICULTY = 1;
export const MAX_DIFFICULTY = 8;
/** R-REF-5 — a skill is worth min(MAX_SKILL_PIX, PIX_PER_LEVEL / n). */
export const MAX_SKILL_PIX = 4;

/** R-PROF-3 — a competence is certifiable from this estimated level. */
export const MIN_CERTIFIABLE_LEVEL = 1;
/** R-PROF-3 — a pupil is certifiable with at least this many certifiable competences. */
export const MIN_CERTIFIABLE_COMPETENCES = 5;

/** R-GEN-1 — challenges per certifiable competence. */
export const CHALLENGES_PER_COMPETENCE = 3;
/** R-GEN-6 — theoretical duration of the test, before extra time. */
export const THEORETICAL_DURATION_MINUTES = 105;
/** R-GEN-6 — resumption is refused this long after the start. */
export const RESUME_LIMIT_HOURS = 24;

/** R-VAL-2 — T3 accepts when levenshtein / answer length ≤ this ratio. */
export const T3_MAX_LEVENSHTEIN_RATIO = 0.25;

/** R-SCORE-2 — below this many challenges in a competence, a QROCM-dep challenge counts double. */
export const QROCM_DEP_DOUBLE_BELOW = 3;
/** R-SCORE-2 — weight of a QROCM-dep challenge in such a competence. */
export const QROCM_DEP_WEIGHT = 2;
/** R-SCORE-2 — correct answers per competence are capped at this number. */
export const MAX_CORRECT_PER_COMPETENCE = 3;
/** R-SCORE-4, R-SCORE-8 — minimum reproducibility rate (percent). */
export const MIN_REPRODUCIBILITY_RATE = 50;
/** R-SCORE-5 — rate thresholds of the table's columns (percent). */
export const HIGH_RATE_THRESHOLD = 80;
export const MEDIUM_RATE_THRESHOLD = 70;
/** R-SCORE-8 — at least ceil(66 % × challenges) must be non-neutralised (kept as an integer ratio). */
export const MIN_NON_NEUTRALISED_PERCENT = 66;

/** R-SESS-2 — access code alphabet. */
export const ACCESS_CODE_LETTERS = 'BCDFGHJKMPQRTVWXY';
export const ACCESS_CODE_DIGITS = '2346789';
/** R-SESS-7 — verification code alphabet and length. */
export const VERIFICATION_CODE_ALPHABET = '2346789BCDFGHJKMPQRTVWXY';
export const VERIFICATION_CODE_LENGTH = 8;
export const VERIFICATION_CODE_PREFIX = 'P-';
/** R-SESS-3 — extra time is a percentage 0 ≤ x < 1000. */
export const MAX_EXTRA_TIME_PERCENT_EXCLUSIVE = 1000;
/** R-SESS-3 — birth dates must be after this day. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';
/** R-FIN-3 — the PV and the attendance sheet are kept this long. */
export const RECORDS_RETENTION_YEARS = 2;
