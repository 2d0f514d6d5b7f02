import type { Answer, Tolerances, ValidationChallenge, ValidationStatus } from '../../formats/challenge';
import { applyTolerances, isOn, isT3Match, preTreat } from './normalise';
import { firstField, inputKeys, selectKeys } from './proposals';

export interface ValidationResult {
  status: ValidationStatus;
  /** QROCM — whether each field's value is good. */
  fields?: Record<string, boolean>;
}

type ChallengeOf<T extends ValidationChallenge['type']> = Extract<ValidationChallenge, { type: T }>;

const KO: ValidationResult = { status: 'ko' };

/**
 * R-VAL-3, R-VAL-4 — the status of one answer, before timer and focus are judged (see `judgeAnswer`).
 * `{skipped: true}` → `aband`. An answer whose shape does not fit the type (`{choice}` for a QROC,
 * `{value}` for a QROCM…) is `ko`: the kiosk sends the shape of the challenge it shows, so another shape
 * answers something else. An answer with no filled field is `ko` for every type.
 */
export function validateAnswer(challenge: ValidationChallenge, answer: Answer): ValidationResult {
  if ('skipped' in answer) return { status: 'aband' };
  switch (challenge.type) {
    case 'QCU':
      return 'choice' in answer ? validateQcu(challenge, answer.choice) : KO;
    case 'QCM':
      return 'choices' in answer ? validateQcm(challenge, answer.choices) : KO;
    case 'QROC':
      return 'value' in answer ? validateQroc(challenge, answer.value) : KO;
    case 'QROCM-ind':
      return 'values' in answer ? validateQrocmInd(challenge, answer.values) : KO;
    case 'QROCM-dep':
      return 'values' in answer ? validateQrocmDep(challenge, answer.values) : KO;
  }
}

// R-VAL-3 — QCU: same option.
function validateQcu(challenge: ChallengeOf<'QCU'>, choice: string): ValidationResult {
  const answered = choice.trim();
  if (answered === '') return KO;
  return { status: answered === challenge.solution.choice.trim() ? 'ok' : 'ko' };
}

// R-VAL-3 — QCM: same set of options, any order; duplicates and empty entries are ignored.
function validateQcm(challenge: ChallengeOf<'QCM'>, choices: readonly string[]): ValidationResult {
  const answered = optionSet(choices);
  const expected = optionSet(challenge.solution.choices);
  if (answered.size === 0) return KO;
  const same = answered.size === expected.size && [...answered].every((choice) => expected.has(choice));
  return { status: same ? 'ok' : 'ko' };
}

function optionSet(choices: readonly string[]): Set<string> {
  return new Set(choices.map((choice) => choice.trim()).filter((choice) => choice !== ''));
}

// R-VAL-3 — QROC: any accepted variant.
function validateQroc(challenge: ChallengeOf<'QROC'>, value: string): ValidationResult {
  if (!isFilled(value)) return KO;
  const field = challenge.proposals === undefined ? undefined : firstField(challenge.proposals);
  const isSelect = field?.kind === 'select';
  return { status: matchesAny(value, challenge.solution.variants, { challenge, isSelect }) ? 'ok' : 'ko' };
}

// R-VAL-3 — QROCM-ind: every field must match its own variants; per-field results are kept.
function validateQrocmInd(challenge: ChallengeOf<'QROCM-ind'>, values: Record<string, string>): ValidationResult {
  const selects = selectKeysOf(challenge);
  const fields: Record<string, boolean> = {};
  for (const [key, variants] of Object.entries(challenge.solution.fields)) {
    const value = values[key] ?? '';
    fields[key] = isFilled(value) && matchesAny(value, variants, { challenge, isSelect: selects.has(key) });
  }
  const allGood = Object.values(fields).every(Boolean);
  return { status: allGood && Object.values(values).some(isFilled) ? 'ok' : 'ko', fields };
}

/**
 * R-VAL-3 — QROCM-dep. The fields considered are the answer's keys plus, when the proposals are given,
 * their block keys (an input or select left out of the answer is an empty field). Empty fields are never
 * good. "Each answered value is good if it matches a solution group not matched yet" is read as a
 * **maximum bipartite matching** between values and groups: each group counts once, and the number of good
 * values never depends on the order of the fields (a greedy pass in field order could let one value take
 * the only group another value matches). Which of two values competing for one group is marked good in
 * `fields` follows the keys' sorted order; the count does not depend on it.
 * Without a grid: `ok` when every considered value is good. With `{min, max}`: good ≥ max → `ok`,
 * good ≥ min → `partially`, else `ko`.
 */
function validateQrocmDep(challenge: ChallengeOf<'QROCM-dep'>, values: Record<string, string>): ValidationResult {
  const selects = selectKeysOf(challenge);
  const keys = new Set(Object.keys(values));
  if (challenge.proposals !== undefined) {
    for (const key of [...inputKeys(challenge.proposals), ...selects]) keys.add(key);
  }
  const fieldKeys = [...keys].sort();
  if (!fieldKeys.some((key) => isFilled(values[key] ?? ''))) return KO;

  const { groups } = challenge.solution;
  const edges = fieldKeys.map((key) => {
    const value = values[key] ?? '';
    if (!isFilled(value)) return [];
    const context = { challenge, isSelect: selects.has(key) };
    return groups.flatMap((variants, group) => (matchesAny(value, variants, context) ? [group] : []));
  });
  const groupOfField = maximumMatching(edges, groups.length);
  const fields = Object.fromEntries(fieldKeys.map((key, field) => [key, groupOfField[field] !== undefined]));
  const good = groupOfField.filter((group) => group !== undefined).length;

  const grid = challenge.solution.scoring;
  if (grid === undefined) return { status: good === fieldKeys.length ? 'ok' : 'ko', fields };
  if (good >= grid.max) return { status: 'ok', fields };
  return { status: good >= grid.min ? 'partially' : 'ko', fields };
}

/**
 * Maximum bipartite matching (Kuhn's augmenting paths): `edges[field]` lists the groups that field's value
 * matches; returns, for each field, its group or undefined.
 */
function maximumMatching(edges: readonly number[][], groupCount: number): (number | undefined)[] {
  const fieldOfGroup: (number | undefined)[] = new Array<number | undefined>(groupCount).fill(undefined);
  const tryAssign = (field: number, visited: Set<number>): boolean => {
    for (const group of edges[field] ?? []) {
      if (visited.has(group)) continue;
      visited.add(group);
      const holder = fieldOfGroup[group];
      if (holder === undefined || tryAssign(holder, visited)) {
        fieldOfGroup[group] = field;
        return true;
      }
    }
    return false;
  };
  edges.forEach((_, field) => tryAssign(field, new Set()));
  const groupOfField: (number | undefined)[] = edges.map(() => undefined);
  fieldOfGroup.forEach((field, group) => {
    if (field !== undefined) groupOfField[field] = group;
  });
  return groupOfField;
}

// R-VAL-3 — "filled": something other than white space once pre-treated.
function isFilled(value: string): boolean {
  return preTreat(value).trim() !== '';
}

function selectKeysOf(challenge: ValidationChallenge): Set<string> {
  return new Set(challenge.proposals === undefined ? [] : selectKeys(challenge.proposals));
}

interface MatchContext { challenge: ValidationChallenge; isSelect: boolean }

function matchesAny(value: string, variants: readonly string[], context: MatchContext): boolean {
  return variants.some((variant) => matches(value, variant, context));
}

/**
 * R-VAL-2, R-VAL-3 — one value against one accepted variant. Select blocks: exact after pre-treatment.
 * Format `nombre` with both sides numeric: compared as numbers (for every free field, QROC and QROCM alike).
 * Otherwise equal after the tolerances, or close enough under T3 when it is on.
 */
function matches(value: string, variant: string, { challenge, isSelect }: MatchContext): boolean {
  if (isSelect) return preTreat(value) === preTreat(variant);
  if (challenge.format === 'nombre') {
    const answered = canonicalNumber(value);
    const expected = canonicalNumber(variant);
    if (answered !== undefined && expected !== undefined) return answered === expected;
  }
  return matchesText(value, variant, challenge.tolerances);
}

function matchesText(value: string, variant: string, tolerances: Tolerances | undefined): boolean {
  const answered = treatedAnswer(value, tolerances);
  const expected = treatedVariant(variant, tolerances);
  if (answered === '') return false;
  return answered === expected || (isOn(tolerances, 't3') && isT3Match(answered, expected));
}

/**
 * A content variant after the tolerances, computed once per challenge's tolerances and variant: the platform
 * validates every answer of every bundle against the same content (≈ 3 % of receiving went to treating the same
 * variants again). Keyed by the tolerances object of the content (challenges are never mutated once parsed).
 */
const NO_TOLERANCES = {};
const treatedVariants = new WeakMap<object, Map<string, string>>();
function treatedVariant(variant: string, tolerances: Tolerances | undefined): string {
  const key = tolerances ?? NO_TOLERANCES;
  let cache = treatedVariants.get(key);
  if (cache === undefined) treatedVariants.set(key, (cache = new Map()));
  let treated = cache.get(variant);
  if (treated === undefined) cache.set(variant, (treated = applyTolerances(variant, tolerances)));
  return treated;
}

/** The last answer value treated: matchesAny compares one value with each variant of each group in turn. */
let lastAnswer: { value: string; tolerances: Tolerances | undefined; treated: string } | null = null;
function treatedAnswer(value: string, tolerances: Tolerances | undefined): string {
  if (lastAnswer === null || lastAnswer.value !== value || lastAnswer.tolerances !== tolerances) {
    lastAnswer = { value, tolerances, treated: applyTolerances(value, tolerances) };
  }
  return lastAnswer.treated;
}

const NUMBER = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

/**
 * R-VAL-3 — a numeric answer written canonically (`"-0012,50"` → `"-12.5"`), or undefined when not numeric:
 * white space ignored, comma or dot as the decimal separator, optional sign. Comparing canonical decimal
 * strings is exact, whatever the number of digits.
 */
function canonicalNumber(s: string): string | undefined {
  const match = NUMBER.exec(preTreat(s).replace(/\s/gu, ''));
  if (match === null) return undefined;
  const [, sign = '', integerDigits = '', fractionDigits = ''] = match;
  if (integerDigits === '' && fractionDigits === '') return undefined;
  const integer = integerDigits.replace(/^0+/, '') || '0';
  const fraction = fractionDigits.replace(/0+$/, '');
  if (integer === '0' && fraction === '') return '0';
  return `${sign === '-' ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`;
}
