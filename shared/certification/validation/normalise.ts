import { distance } from 'fastest-levenshtein';
import type { Tolerances } from '../../formats/challenge';
import { T3_MAX_LEVENSHTEIN_RATIO } from '../constants';

const NON_BREAKING_SPACES = /[\u00A0\u202F\u2007]/g;
const COMBINING_MARKS = /\p{M}/gu;
const WHITE_SPACE = /\s/gu;
const WHITE_SPACE_RUNS = /\s+/gu;
/** Anything but a letter, a combining mark (part of its letter), a number or white space. */
const NOT_LETTER_DIGIT_OR_SPACE = /[^\p{L}\p{M}\p{N}\s]/gu;
const SURROGATES = /[\uD800-\uDFFF]/;

// R-VAL-1
export function preTreat(s: string): string {
  return s.normalize('NFC').replace(NON_BREAKING_SPACES, ' ');
}

// R-VAL-2 (T1) — trim, lower-case, strip accents, remove all white space.
export function applyT1(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(WHITE_SPACE, '')
    .normalize('NFC');
}

/**
 * R-VAL-2 (T2) — drop every character that is not a letter, digit or space, collapse runs of spaces.
 * `_` is a separator (it becomes a space); any white space counts as a space; combining marks are kept
 * with their letter (scripts such as Devanagari need them; T1 is what strips accents).
 */
export function applyT2(s: string): string {
  return s
    .replace(/_/g, ' ')
    .replace(NOT_LETTER_DIGIT_OR_SPACE, '')
    .replace(WHITE_SPACE_RUNS, ' ')
    .trim();
}

/** R-VAL-2 — a tolerance is on unless switched off explicitly. */
export function isOn(tolerances: Tolerances | undefined, name: keyof Tolerances): boolean {
  return tolerances?.[name] !== false;
}

// R-VAL-1, R-VAL-2 — preTreat, then T1, then T2, in that order.
export function applyTolerances(s: string, tolerances?: Tolerances): string {
  let out = preTreat(s);
  if (isOn(tolerances, 't1')) out = applyT1(out);
  if (isOn(tolerances, 't2')) out = applyT2(out);
  return out;
}

/**
 * R-VAL-2 (T3) — `levenshtein(answer, variant) / answer.length ≤ T3_MAX_LEVENSHTEIN_RATIO`, both already
 * treated, distance and length counted in code points. An empty answer never matches by T3.
 */
export function isT3Match(answer: string, variant: string): boolean {
  const answerPoints = [...answer];
  if (answerPoints.length === 0) return false;
  return codePointDistance(answer, variant) / answerPoints.length <= T3_MAX_LEVENSHTEIN_RATIO;
}

/** `fastest-levenshtein` counts UTF-16 units: outside the BMP, map each code point to one unit first. */
function codePointDistance(a: string, b: string): number {
  if (!SURROGATES.test(a) && !SURROGATES.test(b)) return distance(a, b);
  const units = new Map<string, string>();
  const toUnits = (s: string) =>
    [...s]
      .map((point) => {
        let unit = units.get(point);
        if (unit === undefined) {
          unit = String.fromCharCode(units.size);
          units.set(point, unit);
        }
        return unit;
      })
      .join('');
  return distance(toUnits(a), toUnits(b));
}
