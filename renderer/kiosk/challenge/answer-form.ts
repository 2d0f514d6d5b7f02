import { parseChoiceProposals, parseFieldProposals, preTreat, type ChoiceOption } from '../../../shared/certification/validation';
import type { AnswerFormat, ChallengeType } from '../../../shared/formats/challenge';
import type { PupilAnswer } from './challenge-contract';

/**
 * R-CHAL-2 — what the pupil fills in for one challenge, and the answer it makes (pure: no React, no DOM).
 * The proposals are parsed by the station's own parser (shared/certification/validation/proposals.ts), so the
 * kiosk shows exactly the fields the validator expects, and the answer has the shape `validateAnswer` reads:
 * QCU `{choice}` ("1".."n"), QCM `{choices}`, QROC `{value}`, QROCM-ind / QROCM-dep `{values}` by block key.
 */

/** A piece of a QROC/QROCM proposals text, in reading order: text, or a field with the label it is given. */
export type FormSegment =
  | { kind: 'text'; text: string }
  | { kind: 'input'; key: string; placeholder?: string; label: string | null; index: number }
  | { kind: 'select'; key: string; options: string[]; label: string | null; index: number };

export type FieldSegment = Extract<FormSegment, { kind: 'input' | 'select' }>;

export type AnswerForm =
  | { kind: 'single'; options: ChoiceOption[] }
  | { kind: 'multiple'; options: ChoiceOption[] }
  /** QROC (`oneValue`: the first field is the answer) or QROCM (every block key). `long`: a paragraph to write. */
  | { kind: 'fields'; oneValue: boolean; segments: FormSegment[]; keys: string[]; long: boolean };

/** What the pupil has chosen or typed so far. */
export interface FormState {
  /** QCU: zero or one option value; QCM: the checked option values. */
  choices: string[];
  /** QROC/QROCM: the text of each field, by block key. */
  values: Record<string, string>;
}

export const EMPTY_STATE: FormState = { choices: [], values: {} };

/** The key of QROC's one field when the proposals hold no block (the field is then shown after the text). */
export const LONE_FIELD_KEY = 'reponse';

/** The longest text a field takes: the station refuses longer (shared/formats/challenge.ts, `Answer`). */
export const MAX_FIELD_LENGTH = 10_000;

export interface ChallengeShape { type: ChallengeType; proposals: string; format: AnswerFormat }

// R-CHAL-2 — the form of a challenge.
export function answerFormFor({ type, proposals, format }: ChallengeShape): AnswerForm {
  switch (type) {
    case 'QCU': return { kind: 'single', options: parseChoiceProposals(proposals) };
    case 'QCM': return { kind: 'multiple', options: parseChoiceProposals(proposals) };
    case 'QROC': return fieldsForm(proposals, format, true);
    case 'QROCM-ind':
    case 'QROCM-dep': return fieldsForm(proposals, format, false);
  }
}

function fieldsForm(proposals: string, format: AnswerFormat, oneValue: boolean): AnswerForm {
  const parsed = parseFieldProposals(proposals);
  const segments: FormSegment[] = [];
  let index = 0;
  let seenField = false;
  parsed.forEach((segment, position) => {
    if (segment.kind === 'text') {
      segments.push(segment);
      return;
    }
    // QROC: the validator reads the first field only; later blocks are not shown.
    if (oneValue && seenField) return;
    seenField = true;
    const label = labelBefore(parsed[position - 1]) ?? labelAfter(parsed[position + 1]);
    segments.push(segment.kind === 'input'
      ? { ...segment, label, index: index++ }
      : { ...segment, label, index: index++ });
  });
  if (oneValue && !seenField) segments.push({ kind: 'input', key: LONE_FIELD_KEY, label: labelBefore(parsed.at(-1)), index: 0 });
  const keys = [...new Set(segments.flatMap((s) => (s.kind === 'text' ? [] : [s.key])))];
  return { kind: 'fields', oneValue, segments, keys, long: format === 'paragraphe' };
}

const LABEL_EDGES = /^[\s:;,.\-–—=]+|[\s:;,.\-–—=]+$/gu;
const LABEL_MAX = 120;

/** The text on the field's own line just before it ("rapport.odt : ${f1}" → "rapport.odt"), or null. */
function labelBefore(segment: ReturnType<typeof parseFieldProposals>[number] | undefined): string | null {
  if (segment?.kind !== 'text') return null;
  return cleanLabel(segment.text.split(/\r?\n/).at(-1) ?? '');
}

/** The text on the field's own line just after it ("${n} km" → "km"), or null. */
function labelAfter(segment: ReturnType<typeof parseFieldProposals>[number] | undefined): string | null {
  if (segment?.kind !== 'text') return null;
  return cleanLabel(segment.text.split(/\r?\n/)[0] ?? '');
}

function cleanLabel(text: string): string | null {
  const label = text.replace(LABEL_EDGES, '');
  return label === '' ? null : label.slice(0, LABEL_MAX);
}

/** The fields of a form, in reading order (a key used twice appears twice: both show the same value). */
export function fieldsOf(form: AnswerForm): FieldSegment[] {
  return form.kind === 'fields' ? form.segments.filter((s): s is FieldSegment => s.kind !== 'text') : [];
}

// R-VAL-3 — "filled": something other than white space once pre-treated (R-VAL-1), as the validator reads it.
function isFilled(value: string): boolean {
  return preTreat(value).trim() !== '';
}

/** R-VAL-3 — nothing chosen, or no field filled: the validator would judge it `ko`; « Je valide » asks first. */
export function isEmptyAnswer(form: AnswerForm, state: FormState): boolean {
  if (form.kind !== 'fields') return state.choices.length === 0;
  return !form.keys.some((key) => isFilled(state.values[key] ?? ''));
}

// R-CHAL-2, R-VAL-4 — the answer « Je valide » hands to the flow, in the station's format.
export function answerFrom(form: AnswerForm, state: FormState): PupilAnswer {
  switch (form.kind) {
    case 'single': return { choice: state.choices[0] ?? '' };
    case 'multiple': {
      const checked = new Set(state.choices);
      return { choices: form.options.map((o) => o.value).filter((value) => checked.has(value)) };
    }
    case 'fields': {
      if (form.oneValue) return { value: state.values[form.keys[0] ?? LONE_FIELD_KEY] ?? '' };
      return { values: Object.fromEntries(form.keys.map((key) => [key, state.values[key] ?? ''])) };
    }
  }
}

/** QCU: choose one option (replacing any other); QCM: check or uncheck one. */
export function toggleChoice(form: AnswerForm, state: FormState, value: string, checked: boolean): FormState {
  if (form.kind === 'single') return { ...state, choices: checked ? [value] : [] };
  const others = state.choices.filter((choice) => choice !== value);
  return { ...state, choices: checked ? [...others, value] : others };
}

export function setFieldValue(state: FormState, key: string, value: string): FormState {
  return { ...state, values: { ...state.values, [key]: value.slice(0, MAX_FIELD_LENGTH) } };
}
