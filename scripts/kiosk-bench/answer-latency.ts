import { ANSWER_MARK, PAINTED_MARK } from '../../renderer/kiosk/flow/paint-marks';

/** A performance mark as the page reports it (`performance.getEntriesByType('mark')`). */
export interface PageMark {
  name: string;
  startTime: number;
}

export interface AnswerLatencies {
  /** Per answer, milliseconds from `passation:answer` to the next `passation:painted`, in the order given. */
  latenciesMs: number[];
  /** Answers followed by no painted mark before the next answer (the last one: « Test terminé » is no challenge). */
  unpaired: number;
}

/**
 * Pairs each « Je valide » / « Je passe » mark with the first painted mark after it and before the next answer
 * (renderer/kiosk/flow/paint-marks.ts). Painted marks with no answer before them (the first question, « Commencer »
 * after a timed warning, « Je suis prêt ») are not answers and are left out.
 */
export function answerLatencies(marks: readonly PageMark[]): AnswerLatencies {
  const ordered = marks.filter((m) => m.name === ANSWER_MARK || m.name === PAINTED_MARK)
    .slice().sort((a, b) => a.startTime - b.startTime || (a.name === ANSWER_MARK ? -1 : 1));
  const latenciesMs: number[] = [];
  let unpaired = 0;
  let pending: number | null = null;
  for (const mark of ordered) {
    if (mark.name === ANSWER_MARK) {
      if (pending !== null) unpaired += 1;
      pending = mark.startTime;
    } else if (pending !== null) {
      latenciesMs.push(mark.startTime - pending);
      pending = null;
    }
  }
  if (pending !== null) unpaired += 1;
  return { latenciesMs, unpaired };
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** The nearest-rank percentile (p in ]0, 100]) of a non-empty list: the smallest value with p % of them at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile : aucune mesure');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile : ${p} n’est pas dans ]0, 100]`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

export function summarise(values: readonly number[]): Summary {
  return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
}
