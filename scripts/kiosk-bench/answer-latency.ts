import { ANSWER_MARK, KEPT_MARK, PAINTED_MARK, RENDERED_MARK } from '../../renderer/kiosk/flow/paint-marks';

/** A performance mark as the page reports it (`performance.getEntriesByType('mark')`). */
export interface PageMark {
  name: string;
  startTime: number;
}

/** Where one answer's time went, in milliseconds (null when the page made no such mark in between). */
export interface AnswerStages {
  /** « Je valide » handled → the answer on disk (`passation:kept`: timer checkpoint, strict IndexedDB write). */
  keptMs: number | null;
  /** On disk → the next heading in the DOM (`passation:rendered`: the next timer opened, React's render). */
  renderedMs: number | null;
  /** In the DOM → painted (`passation:painted`: the wait for the next animation frame). */
  frameMs: number | null;
}

export interface AnswerLatencies {
  /** Per answer, milliseconds from `passation:answer` to the next `passation:painted`, in the order given. */
  latenciesMs: number[];
  stages: AnswerStages[];
  /** Answers followed by no painted mark before the next answer (the last one: « Test terminé » is no challenge). */
  unpaired: number;
}

/**
 * Pairs each « Je valide » / « Je passe » mark with the first painted mark after it and before the next answer
 * (renderer/kiosk/flow/paint-marks.ts), with the kept and rendered marks in between. Painted marks with no answer
 * before them (the first question, « Commencer » after a timed warning, « Je suis prêt ») are not answers: left out.
 */
export function answerLatencies(marks: readonly PageMark[]): AnswerLatencies {
  const rank = (name: string) => [ANSWER_MARK, KEPT_MARK, RENDERED_MARK, PAINTED_MARK].indexOf(name);
  const ordered = marks.filter((m) => rank(m.name) >= 0).slice().sort((a, b) => a.startTime - b.startTime || rank(a.name) - rank(b.name));
  const latenciesMs: number[] = [];
  const stages: AnswerStages[] = [];
  let unpaired = 0;
  let pending: { at: number; kept: number | null; rendered: number | null } | null = null;
  for (const mark of ordered) {
    if (mark.name === ANSWER_MARK) {
      if (pending !== null) unpaired += 1;
      pending = { at: mark.startTime, kept: null, rendered: null };
    } else if (pending === null) {
      continue;
    } else if (mark.name === KEPT_MARK) {
      pending.kept ??= mark.startTime;
    } else if (mark.name === RENDERED_MARK) {
      pending.rendered ??= mark.startTime;
    } else {
      const { at, kept, rendered } = pending;
      latenciesMs.push(mark.startTime - at);
      stages.push({
        keptMs: kept === null ? null : kept - at,
        renderedMs: rendered === null ? null : rendered - (kept ?? at),
        frameMs: rendered === null ? null : mark.startTime - rendered,
      });
      pending = null;
    }
  }
  if (pending !== null) unpaired += 1;
  return { latenciesMs, stages, unpaired };
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
